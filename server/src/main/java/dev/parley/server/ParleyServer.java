package dev.parley.server;

import dev.parley.rooms.RoomRegistry;
import dev.parley.server.http.HealthHandler;
import dev.parley.server.http.LocalOnlyHttpHandler;
import dev.parley.server.http.MetricsHandler;
import dev.parley.server.http.PageHandler;
import dev.parley.server.http.SecurityHeadersHandler;
import dev.parley.server.http.StaticAssets;
import dev.parley.server.tls.PemFiles;
import dev.parley.server.tls.SelfSignedCertificate;
import dev.parley.server.tls.TlsCredentials;
import dev.parley.server.ws.OriginPolicy;
import dev.parley.server.ws.SignalingWebSocket;
import dev.parley.server.sfu.EmbeddedSfu;
import dev.parley.server.turn.EmbeddedTurn;
import dev.parley.server.turn.IceServers;
import dev.parley.server.turn.TurnSecret;
import dev.parley.server.turn.TurnSettings;
import dev.parley.turn.TurnService;
import dev.parley.signaling.MessageCodec;
import dev.parley.signaling.Admission;
import dev.parley.signaling.SessionTracker;
import dev.parley.signaling.SfuGateway;
import dev.parley.signaling.SignalingSession;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parley server: wires rooms, signaling, HTTP/HTTPS, WebSocket, metrics and housekeeping together. This is the
 * only place that knows all the parts; {@link #start} and {@link #close} are its life cycle.
 *
 * <p>Threads: Jetty's pool runs HTTP and WebSocket I/O; one housekeeping thread closes silent sockets and expires
 * resume graces every second. See docs/concurrency.md.
 */
public final class ParleyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    /** How often silent sockets and expired resume graces are looked for. */
    static final Duration HOUSEKEEPING_PERIOD = Duration.ofMillis(500);
    /** How long stop waits for sockets to say goodbye; the whole stop stays well under 5 s. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final ServerConfig config;
    private final Clock clock;
    private final RoomRegistry rooms;
    private final SessionTracker sessions = new SessionTracker();
    private final Admission admission;
    private final ParleyMetrics metrics = new ParleyMetrics();
    private final TlsCredentials tls;
    private final Server jetty;
    private final ServerConnector http;
    private final ServerConnector https;
    private final ScheduledExecutorService housekeeping;
    /** The embedded STUN/TURN server, or null when disabled. */
    private final TurnService turn;
    private final EmbeddedSfu sfu;
    /** Runs the short tasks that hand queued frames to Jetty (see JettyTransport). */
    private final ExecutorService outboxDrainer = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("parley-outbox-", 0).factory());

    private ParleyServer(ServerConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.rooms = new RoomRegistry(config.rooms(), clock);
        this.tls = loadTls(config, clock);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("parley-http");
        jetty = new Server(threads);
        jetty.setStopTimeout(SHUTDOWN_GRACE.toMillis());

        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSecurePort(config.httpsPort());
        http = new ServerConnector(jetty, new HttpConnectionFactory(httpConfig));
        http.setHost(config.bind());
        http.setPort(config.httpPort());

        HttpConfiguration httpsConfig = new HttpConfiguration(httpConfig);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // LAN users reach us by addresses and names a certificate may not list
        httpsConfig.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        https = new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(httpsConfig));
        https.setHost(config.bind());
        https.setPort(config.httpsPort());
        jetty.addConnector(http);
        jetty.addConnector(https);

        metrics.gauge("parley.rooms", "Rooms with at least one participant", rooms::roomCount);
        metrics.gauge("parley.participants", "Participants, including those within their resume grace",
                rooms::participantCount);
        metrics.gauge("parley.websocket.connections", "Open signaling WebSockets", sessions::size);
        this.admission = new Admission(config.signaling().admission());
        metrics.gauge("parley.admission.addresses", "Client addresses the per-address limits track",
                admission::trackedAddresses);

        String version = version();
        MessageCodec codec = new MessageCodec();
        TurnSettings turnSettings = config.turn();
        String turnSecret = turnSettings.enabled() ? TurnSecret.loadOrCreate(config.dataDir()) : null;
        // The SFU first: the TURN server lets relays reach the SFU's media port and no other port of this host.
        this.sfu = config.sfu().enabled()
                ? EmbeddedSfu.start(config.sfu(), config.bind(), turnSettings.publicIp(), rooms, metrics) : null;
        this.turn = turnSettings.enabled()
                ? EmbeddedTurn.start(config, turnSecret, tls, metrics, sfu == null ? -1 : sfu.port()) : null;
        IceServers iceServers = new IceServers(turnSettings, turnSecret,
                turn == null ? -1 : EmbeddedTurn.port(turn), turn == null ? -1 : EmbeddedTurn.tlsPort(turn),
                config.publicHost(), config.iceServerUrls(), clock);

        SfuGateway sfuGateway = sfu == null ? SfuGateway.NONE : sfu;

        ContextHandler context = new ContextHandler("/");
        var upgrade = SignalingWebSocket.create(jetty, context, new OriginPolicy(config.allowedOrigins()),
                config.signaling(), sessions, admission,
                (transport, host, client) -> new SignalingSession(rooms, transport, codec, config.signaling(),
                        iceServers.forConnection(host), sfuGateway, metrics, clock, System::nanoTime, admission,
                        client), outboxDrainer);
        upgrade.setHandler(new Router(new PageHandler(new StaticAssets(ParleyServer.class.getClassLoader(), "web")),
                new HealthHandler(rooms, sessions, clock, version), new MetricsHandler(metrics, config.metrics())));
        context.setHandler(upgrade);
        jetty.setHandler(new SecurityHeadersHandler(new LocalOnlyHttpHandler(context, config.httpsPort())));

        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates and starts a server. */
    public static ParleyServer start(ServerConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    public static ParleyServer start(ServerConfig config, Clock clock) throws Exception {
        ParleyServer server = new ParleyServer(config, clock);
        try {
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        long period = HOUSEKEEPING_PERIOD.toMillis();
        server.housekeeping.scheduleWithFixedDelay(server::houseKeep, period, period, TimeUnit.MILLISECONDS);
        return server;
    }

    /** Port of the plain HTTP connector (the real one when configured as 0). */
    public int httpPort() {
        return http.getLocalPort();
    }

    public int httpsPort() {
        return https.getLocalPort();
    }

    public TlsCredentials tls() {
        return tls;
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    public SessionTracker sessions() {
        return sessions;
    }

    public ServerConfig config() {
        return config;
    }

    /** The embedded STUN/TURN server, if enabled. */
    /** The SFU, if on. */
    public java.util.Optional<EmbeddedSfu> sfu() {
        return java.util.Optional.ofNullable(sfu);
    }

    public java.util.Optional<TurnService> turn() {
        return java.util.Optional.ofNullable(turn);
    }

    /** Tells every participant the server is going away, waits briefly for sockets to close, then stops. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        sessions.shutdownAll("Parley is shutting down");
        try {
            sessions.awaitEmpty(SHUTDOWN_GRACE);
            jetty.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Error while stopping", e);
        } finally {
            if (turn != null) {
                turn.stop();
            }
            if (sfu != null) {
                sfu.close();
            }
            outboxDrainer.shutdownNow();
            metrics.close();
        }
    }

    private void houseKeep() {
        try {
            sessions.closeSilent(System.nanoTime());
            admission.sweep(System.nanoTime());
            rooms.sweep();
        } catch (RuntimeException e) {
            log.error("Housekeeping failed", e);
        }
    }

    private static TlsCredentials loadTls(ServerConfig config, Clock clock) throws IOException {
        if (config.tlsCert() != null) {
            return PemFiles.load(config.tlsCert(), config.tlsKey(), false);
        }
        return SelfSignedCertificate.loadOrCreate(config.dataDir(),
                NetworkAddresses.certificateNames(config.publicHost()), clock);
    }

    static String version() {
        try (InputStream in = ParleyServer.class.getResourceAsStream("/parley-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Dispatches the fixed endpoints; everything else goes to the pages. */
    private static final class Router extends Handler.Abstract.NonBlocking {
        private final Handler pages;
        private final Handler health;
        private final Handler metrics;

        Router(Handler pages, Handler health, Handler metrics) {
            this.pages = pages;
            this.health = health;
            this.metrics = metrics;
            installBean(pages);
            installBean(health);
            installBean(metrics);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return switch (Request.getPathInContext(request)) {
                case "/healthz" -> health.handle(request, response, callback);
                case "/metrics" -> metrics.handle(request, response, callback);
                default -> pages.handle(request, response, callback);
            };
        }

        @Override
        public void setServer(Server server) {
            super.setServer(server);
            pages.setServer(server);
            health.setServer(server);
            metrics.setServer(server);
        }
    }
}
