package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigurationTest {

    @TempDir
    Path dir;

    private ServerConfig parse(String... args) throws IOException {
        ParleyCommand command = new ParleyCommand(new PrintStream(new ByteArrayOutputStream()));
        ParleyCommand.commandLine(command, args).parseArgs(args);
        return command.toConfig();
    }

    @Test
    void defaultsComeFromTheDefaultsFile() throws Exception {
        ServerConfig config = parse();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.httpsPort()).isEqualTo(8443);
        assertThat(config.bind()).isNull();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.tlsCert()).isNull();
        assertThat(config.rooms().roomCapacity()).isEqualTo(16);
        assertThat(config.rooms().chatHistorySize()).isEqualTo(200);
        assertThat(config.rooms().resumeGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.signaling().livenessTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.signaling().rateLimit()).isEqualTo(50);
        assertThat(config.signaling().rateBurst()).isEqualTo(100);
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.iceServerUrls()).isEmpty();
    }

    @Test
    void configFileOverridesDefaultsAndTheCommandLineOverridesBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("parley.properties"),
                "http-port=9000\nroom-capacity=4\nice-servers=stun:stun.example.org:3478,turn:turn.example.org\n");
        ServerConfig config = parse("--config", file.toString(), "--http-port=9100");
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.rooms().roomCapacity()).isEqualTo(4);
        assertThat(config.iceServerUrls()).containsExactly("stun:stun.example.org:3478", "turn:turn.example.org");
    }

    @Test
    void unknownKeysInTheConfigFileAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "http_port=9000\n");
        assertThatThrownBy(() -> parse("--config", file.toString())).isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown option 'http_port'");
    }

    @Test
    void certificateAndKeyGoTogether() {
        assertThatThrownBy(() -> parse("--tls-cert", "/tmp/cert.pem")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOptionHasOneDefaultAndIsDocumented() throws Exception {
        Properties defaults = ConfigDefaults.bundled();
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        CommandLine cli = ParleyCommand.commandLine(new ParleyCommand(System.out), new String[0]);
        for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || option.versionHelp() || name.equals("--config")) {
                continue;
            }
            String key = name.substring(2);
            assertThat(defaults).as("default for %s", name).containsKey(key);
            assertThat(docs).as("docs/configuration.md documents %s", name).contains("`" + name + "`");
        }
        for (String key : defaults.stringPropertyNames()) {
            assertThat(cli.getCommandSpec().findOption("--" + key)).as("option for default %s", key).isNotNull();
        }
    }
}
