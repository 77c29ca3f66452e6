package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with an independent implementation: coturn's {@code turnutils_uclient} allocates through
 * Parley's TURN with REST-API credentials ({@code -W secret}) and relays to {@code turnutils_peer}
 * (an echo peer) over UDP and TCP, by channels and by Send indications; {@code turnutils_stunclient}
 * gets a mapped address. Skipped only when the coturn tools are not installed (Debian package
 * {@code coturn}; {@code scripts/test} installs it).
 */
class CoturnInteropIT {

    private static final String SECRET = "interop-secret";
    private static final String REALM = "parley.interop";
    /** Messages per client: enough to see loss, small enough to finish in a few seconds. */
    private static final int MESSAGES = 100;
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+) \\(([\\d.]+)%\\)");
    private static final Pattern TOTALS = Pattern.compile("tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");

    private TurnService service;
    private Process peer;
    private int peerPort;

    @BeforeAll
    static void coturnToolsInstalled() {
        for (String tool : List.of("turnutils_uclient", "turnutils_peer", "turnutils_stunclient")) {
            assumeTrue(onPath(tool), tool + " not installed (apt-get install coturn)");
        }
    }

    @BeforeEach
    void start() throws Exception {
        TurnConfig config = TurnConfig.builder(REALM, SECRET)
                .listenAddress(InetAddress.getLoopbackAddress()).port(0)
                .relayAddress(InetAddress.getLoopbackAddress()).relayPorts(22000, 22999)
                // turnutils_uclient picks channel numbers from RFC 5766's 0x4000-0x7FFF.
                .allowPrivatePeers(true).legacyChannelNumbers(true).build();
        service = new TurnService(config);
        service.start();
        peerPort = freeUdpPort();
        peer = new ProcessBuilder("turnutils_peer", "-L", "127.0.0.1", "-p", Integer.toString(peerPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (peer != null) {
            peer.destroy();
            if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
        if (service != null) {
            service.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "udp channels, false, false",
        "udp send indications, false, true",
        "tcp channels, true, false",
        "tcp send indications, true, true",
    })
    void uclientRelaysThroughParleyWithoutLoss(String name, boolean tcp, boolean sendIndications) throws Exception {
        int port = tcp ? service.tcpAddress().orElseThrow().getPort() : service.udpAddress().orElseThrow().getPort();
        List<String> command = new ArrayList<>(List.of("turnutils_uclient",
                "-W", SECRET, "-u", "interop", "-e", "127.0.0.1", "-r", Integer.toString(peerPort),
                "-p", Integer.toString(port), "-n", Integer.toString(MESSAGES), "-m", "2", "-l", "120", "-z", "5", "-c"));
        if (tcp) {
            command.add("-t");
        }
        if (sendIndications) {
            command.add("-s");
        }
        command.add("127.0.0.1");

        String output = run(command, 90);

        Matcher lost = LOST.matcher(output);
        assertThat(lost.find()).as("uclient output:\n%s", output).isTrue();
        assertThat(Long.parseLong(lost.group(1))).as("lost packets; output:\n%s", output).isZero();
        long sent = 0;
        long received = 0;
        for (Matcher m = TOTALS.matcher(output); m.find();) {
            sent = Long.parseLong(m.group(1));
            received = Long.parseLong(m.group(2));
        }
        assertThat(sent).as("messages sent; output:\n%s", output).isEqualTo(2L * MESSAGES);
        assertThat(received).isEqualTo(sent);
        assertThat(service.stats().allocationsCreated()).isGreaterThanOrEqualTo(2);
        assertThat(service.stats().packetsToPeer()).isGreaterThanOrEqualTo(2L * MESSAGES);
        assertThat(service.stats().packetsToClient()).isGreaterThanOrEqualTo(2L * MESSAGES);
        assertThat(service.stats().authFailures()).isZero();
        System.out.printf("coturn interop %s: %s%n", name, summary(output));
    }

    @Test
    void stunclientGetsAMappedAddress() throws Exception {
        String output = run(List.of("turnutils_stunclient", "-p",
                Integer.toString(service.udpAddress().orElseThrow().getPort()), "127.0.0.1"), 30);

        assertThat(output).as(output).containsPattern("UDP reflexive addr: 127\\.0\\.0\\.1:\\d+");
        assertThat(service.stats().bindingRequests()).isGreaterThanOrEqualTo(1);
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("coturn-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String summary(String output) {
        StringBuilder s = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.contains("Total") || line.contains("Average") || line.contains("tot_send_msgs")) {
                s.append(line.strip()).append(" | ");
            }
        }
        return s.toString();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
