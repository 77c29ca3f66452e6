package dev.parley.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Supplies option defaults to picocli: first from the user's config file (if any), then from the bundled
 * {@code parley-defaults.properties}, the one file where every default lives. Keys are option names without dashes.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    static final String RESOURCE = "/parley-defaults.properties";

    private final Properties user;
    private final Properties bundled;

    ConfigDefaults(Path userFile) throws IOException {
        this.bundled = bundled();
        this.user = new Properties();
        if (userFile != null) {
            try (Reader reader = Files.newBufferedReader(userFile)) {
                user.load(reader);
            }
            for (String key : user.stringPropertyNames()) {
                if (!bundled.containsKey(key)) {
                    throw new IOException("Unknown option '" + key + "' in " + userFile);
                }
            }
        }
    }

    static Properties bundled() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing " + RESOURCE);
            }
            properties.load(in);
        }
        return properties;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        String key = option.longestName().replaceFirst("^--", "");
        return user.getProperty(key, bundled.getProperty(key));
    }
}
