package dev.parley.server;

import dev.parley.server.http.MetricsAccess;
import dev.parley.signaling.Admission;
import dev.parley.rooms.RoomsConfig;
import dev.parley.server.sfu.SfuOptions;
import dev.parley.server.turn.TurnSettings;
import dev.parley.signaling.SignalingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code parley} command line. Every default comes from {@code parley-defaults.properties}. */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = ParleyCommand.Version.class,
        description = "Runs a Parley video meeting server: web client, signaling and media in one process.",
        sortOptions = false, usageHelpAutoWidth = true)
public final class ParleyCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Properties file with option values (keys are option names "
            + "without dashes); default: ./parley.properties when present.", paramLabel = "<file>")
    Path configFile;

    @Option(names = "--http-port", description = "Plain HTTP port; serves this machine only (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--bind", description = "Address to listen on; empty: all interfaces.", paramLabel = "<address>")
    String bind;

    @Option(names = "--data-dir", description = "State directory (default: ${DEFAULT-VALUE}).", paramLabel = "<dir>")
    Path dataDir;

    @Option(names = "--tls-cert", description = "PEM certificate chain; empty: self-signed.", paramLabel = "<pem>")
    String tlsCert;

    @Option(names = "--tls-key", description = "PEM private key for --tls-cert.", paramLabel = "<pem>")
    String tlsKey;

    @Option(names = "--public-host", description = "Host name or address people use to reach this server.",
            paramLabel = "<host>")
    String publicHost;

    @Option(names = "--allowed-origins", split = ",", description = "Extra origins allowed to open the signaling "
            + "WebSocket (comma-separated); the page's own origin is always allowed.", paramLabel = "<origin>")
    List<String> allowedOrigins;

    @Option(names = "--room-capacity", description = "Participants per room (default: ${DEFAULT-VALUE}).")
    int roomCapacity;

    @Option(names = "--chat-history", description = "Chat messages a room keeps (default: ${DEFAULT-VALUE}).")
    int chatHistory;

    @Option(names = "--resume-grace", description = "Seconds a dropped participant keeps its slot "
            + "(default: ${DEFAULT-VALUE}).", paramLabel = "<s>")
    int resumeGrace;

    @Option(names = "--liveness-timeout", description = "Seconds of silence before a signaling socket is closed "
            + "(default: ${DEFAULT-VALUE}).", paramLabel = "<s>")
    int livenessTimeout;

    @Option(names = "--rate-limit", description = "Signaling messages per second per client (default: ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--max-sessions", description = "Signaling sockets in all; more get HTTP 503 "
            + "(default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--max-sockets-per-ip", description = "Signaling sockets per client address (IPv6: per /64); "
            + "more get HTTP 429 (default: ${DEFAULT-VALUE}).")
    int maxSocketsPerIp;

    @Option(names = "--joins-per-ip-per-minute", description = "Joins per client address per minute "
            + "(default: ${DEFAULT-VALUE}).")
    int joinsPerIpPerMinute;

    @Option(names = "--rooms-per-ip-per-minute", description = "New rooms per client address per minute "
            + "(default: ${DEFAULT-VALUE}).")
    int roomsPerIpPerMinute;

    @Option(names = "--rate-burst", description = "Signaling message burst per client (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--ice-servers", split = ",", description = "Static ICE server URLs for clients "
            + "(stun:/turn:, comma-separated).", paramLabel = "<url>")
    List<String> iceServers;

    @Option(names = "--turn", negatable = true, description = "Run the embedded STUN/TURN server "
            + "(default: ${DEFAULT-VALUE}; --no-turn to disable).")
    boolean turn;

    @Option(names = "--turn-port", description = "STUN/TURN port, UDP and TCP (default: ${DEFAULT-VALUE}).")
    int turnPort;

    @Option(names = "--turn-tls-port", description = "TURN over TLS (turns:) port with the server's certificate; "
            + "empty: off.", paramLabel = "<port>")
    String turnTlsPort;

    @Option(names = "--turn-relay-ports", description = "Relay port range (default: ${DEFAULT-VALUE}).",
            paramLabel = "<min-max>")
    String turnRelayPorts;

    @Option(names = "--turn-realm", description = "TURN realm (default: ${DEFAULT-VALUE}).")
    String turnRealm;

    @Option(names = "--turn-credential-ttl", description = "Seconds the TURN credentials given to a participant "
            + "stay valid (default: ${DEFAULT-VALUE}).", paramLabel = "<s>")
    int turnCredentialTtl;

    @Option(names = "--turn-max-allocations", description = "TURN allocations in all (default: ${DEFAULT-VALUE}).")
    int turnMaxAllocations;

    @Option(names = "--turn-max-allocations-per-user", description = "TURN allocations per participant "
            + "(default: ${DEFAULT-VALUE}).")
    int turnMaxAllocationsPerUser;

    @Option(names = "--turn-max-allocations-per-ip", description = "TURN allocations per client IP address "
            + "(default: ${DEFAULT-VALUE}).")
    int turnMaxAllocationsPerIp;

    @Option(names = "--turn-bandwidth", description = "Bytes/s per allocation and direction; 0: no cap "
            + "(default: ${DEFAULT-VALUE}).", paramLabel = "<bytes/s>")
    long turnBandwidth;

    @Option(names = "--turn-allow-private-peers", description = "Relay to loopback and private addresses. "
            + "UNSAFE on the internet; for tests and closed networks (default: ${DEFAULT-VALUE}).", arity = "1")
    boolean turnAllowPrivatePeers;

    @Option(names = "--turn-legacy-channel-numbers", description = "Also accept RFC 5766 channel numbers "
            + "0x5000-0x7FFF, as coturn's client tools use (default: ${DEFAULT-VALUE}).", arity = "1")
    boolean turnLegacyChannelNumbers;

    @Option(names = "--sfu", negatable = true, description = "Run the SFU: rooms past --p2p-max participants send "
            + "media through the server (default: ${DEFAULT-VALUE}; --no-sfu keeps every room peer to peer).")
    boolean sfu;

    @Option(names = "--sfu-port", description = "The SFU's one UDP media port (default: ${DEFAULT-VALUE}).")
    int sfuPort;

    @Option(names = "--sfu-max-participants", description = "SFU connections per room (default: ${DEFAULT-VALUE}).")
    int sfuMaxParticipants;

    @Option(names = "--sfu-video-codec", description = "Video codec of SFU rooms when every participant's browser "
            + "takes it, else VP8: vp8, vp9 or h264 (default: ${DEFAULT-VALUE}).")
    String sfuVideoCodec;

    @Option(names = "--p2p-max", description = "Participants a room may have with peer-to-peer media; the next "
            + "one moves it to the SFU (default: ${DEFAULT-VALUE}).")
    int p2pMax;

    @Option(names = "--public-ip", description = "Address advertised for TURN relays when behind NAT.",
            paramLabel = "<ip>")
    String publicIp;

    @Option(names = "--turn-external-urls", split = ",", description = "URLs of an external TURN server "
            + "(e.g. coturn) to hand out too, comma-separated.", paramLabel = "<url>")
    List<String> turnExternalUrls;

    @Option(names = "--turn-external-secret", description = "REST-API shared secret of that external server.",
            paramLabel = "<secret>")
    String turnExternalSecret;

    @Option(names = "--metrics-token", description = "Bearer token /metrics requires (at least 16 characters); "
            + "empty: none.", paramLabel = "<token>")
    String metricsToken;

    @Option(names = "--metrics-local-only", negatable = true, description = "Serve /metrics to this machine only "
            + "(default: ${DEFAULT-VALUE}).")
    boolean metricsLocalOnly;

    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    ParleyCommand(PrintStream out) {
        this.out = out;
    }

    /** Builds the immutable configuration from the parsed options. */
    ServerConfig toConfig() {
        if (httpPort < 0 || httpPort > 65535 || httpsPort < 0 || httpsPort > 65535) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Ports are 0-65535");
        }
        return new ServerConfig(httpPort, httpsPort, blankToNull(bind), dataDir,
                blankToNull(tlsCert) == null ? null : Path.of(tlsCert), blankToNull(tlsKey) == null ? null : Path.of(tlsKey),
                blankToNull(publicHost), nonBlank(allowedOrigins), nonBlank(iceServers),
                new RoomsConfig(roomCapacity, chatHistory, 4096, Duration.ofSeconds(resumeGrace),
                        sfu ? p2pMax : RoomsConfig.NEVER_SFU),
                new SignalingConfig(rateLimit, rateBurst, rateBurst, Duration.ofSeconds(livenessTimeout))
                        .withAdmission(admissionLimits()),
                turnSettings(), sfuOptions(), metricsAccess());
    }

    private Admission.Limits admissionLimits() {
        try {
            return new Admission.Limits(maxSessions, maxSocketsPerIp, joinsPerIpPerMinute, roomsPerIpPerMinute, false);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private MetricsAccess metricsAccess() {
        try {
            return new MetricsAccess(blankToNull(metricsToken), metricsLocalOnly);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private SfuOptions sfuOptions() {
        if (sfuPort < 0 || sfuPort > 65535 || sfuMaxParticipants < 1 || p2pMax < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--sfu-port is 0-65535, --sfu-max-participants and --p2p-max at least 1");
        }
        try {
            return new SfuOptions(sfu, sfuPort, sfuMaxParticipants, sfuVideoCodec);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private TurnSettings turnSettings() {
        String[] range = turnRelayPorts.split("-");
        int min;
        int max;
        int tls;
        try {
            min = Integer.parseInt(range[0].trim());
            max = Integer.parseInt(range[range.length - 1].trim());
            tls = blankToNull(turnTlsPort) == null ? -1 : Integer.parseInt(turnTlsPort.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--turn-relay-ports is <min>-<max> and --turn-tls-port a port number");
        }
        if (range.length != 2 || min < 1024 || max > 65535 || min > max) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--turn-relay-ports must be within 1024-65535");
        }
        return new TurnSettings(turn, turnPort, tls, min, max, turnRealm, Duration.ofSeconds(turnCredentialTtl),
                turnMaxAllocations, turnMaxAllocationsPerUser, turnMaxAllocationsPerIp, turnBandwidth, turnAllowPrivatePeers,
                turnLegacyChannelNumbers, blankToNull(publicIp), nonBlank(turnExternalUrls),
                blankToNull(turnExternalSecret));
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config = toConfig();
        ParleyServer server = ParleyServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        printReady(server);
        stopped.await();
        return 0;
    }

    private void printReady(ParleyServer server) {
        String host = server.config().publicHost();
        if (host == null) {
            List<InetAddress> lan = NetworkAddresses.lanAddresses();
            host = lan.isEmpty() ? "localhost" : NetworkAddresses.literal(lan.get(0));
        }
        out.printf("Parley is ready: http://localhost:%d/  https://%s:%d/%n", server.httpPort(),
                NetworkAddresses.urlHost(host), server.httpsPort());
        if (server.tls().selfSigned()) {
            out.println("Self-signed certificate, SHA-256 fingerprint: " + server.tls().sha256Fingerprint());
            out.println("(browsers on other machines will ask to accept it once; compare the fingerprint)");
        }
        out.flush();
    }

    /** Parses the arguments with defaults from the config files; used by {@link Main} and tests. */
    static CommandLine commandLine(ParleyCommand command, String[] args) throws IOException {
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(new ConfigDefaults(userConfig(args)));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("parley: cannot start: " + describe(e));
            return 1;
        });
        return cli;
    }

    private static Path userConfig(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        Path local = Path.of("parley.properties");
        return java.nio.file.Files.isRegularFile(local) ? local : null;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Parley " + ParleyServer.version()};
        }
    }
}
