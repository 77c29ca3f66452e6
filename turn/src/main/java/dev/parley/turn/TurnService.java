package dev.parley.turn;

import dev.parley.turn.internal.StreamListener;
import dev.parley.turn.internal.UdpLoops;
import dev.parley.turn.internal.UdpRelayFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TURN/STUN server with its sockets: UDP and TCP listeners on {@link TurnConfig#port()}, an
 * optional TLS listener, relay sockets from the configured range, and a sweeper that expires
 * allocations, permissions and channels every second. {@link #start()} binds everything or throws;
 * {@link #stop()} closes everything and deletes every allocation. Thread-safe.
 */
public final class TurnService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TurnService.class);

    private final TurnConfig config;
    private final Clock clock;
    private final TurnStats stats = new TurnStats();
    private UdpLoops udp;
    private StreamListener tcp;
    private StreamListener tls;
    private TurnServerCore core;
    private ScheduledExecutorService sweeper;

    public TurnService(TurnConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With a clock of the caller's choosing (tests). */
    public TurnService(TurnConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public synchronized void start() throws IOException {
        if (core != null) {
            throw new IllegalStateException("already started");
        }
        try {
            bindListeners();
            Set<Integer> ownPorts = new HashSet<>();
            udpAddress().ifPresent(a -> ownPorts.add(a.getPort()));
            tcpAddress().ifPresent(a -> ownPorts.add(a.getPort()));
            tlsAddress().ifPresent(a -> ownPorts.add(a.getPort()));
            UdpRelayFactory relays = new UdpRelayFactory(config.relayAddress(), config.relayPortMin(),
                    config.relayPortMax(), udp, stats);
            core = new TurnServerCore(config, relays, this::toClient, stats, ownPorts);
            TurnServerCore c = core;
            udp.start(c);
            if (tcp != null) {
                tcp.start(c);
            }
            if (tls != null) {
                tls.start(c);
            }
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "turn-sweep"));
            sweeper.scheduleWithFixedDelay(() -> c.expire(clock.millis()), 1, 1, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("TURN/STUN on udp {} tcp {} tls {}; relays {}:{}-{} advertised as {}; realm {}",
                udpAddress().map(Object::toString).orElse("off"), tcpAddress().map(Object::toString).orElse("off"),
                tlsAddress().map(Object::toString).orElse("off"), config.relayAddress().getHostAddress(),
                config.relayPortMin(), config.relayPortMax(),
                config.advertisedAddress() != null ? config.advertisedAddress().getHostAddress() : "the relay address",
                config.realm());
        if (config.allowPrivatePeers()) {
            LOG.warn("TURN relays to loopback and private addresses (allowPrivatePeers): unsafe on the internet");
        }
    }

    private void bindListeners() throws IOException {
        int port = config.port();
        // One UDP loop per core (coturn likewise runs a relay thread per CPU); the loops also serve the
        // relays of TCP/TLS clients, so they exist with UDP off too.
        udp = new UdpLoops(config.udp() ? new InetSocketAddress(config.listenAddress(), port) : null,
                Runtime.getRuntime().availableProcessors(), clock, stats);
        if (config.udp()) {
            port = udp.localAddress().getPort(); // with port 0, TCP takes the same number as UDP
        }
        if (config.tcp()) {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            bind(server, new InetSocketAddress(config.listenAddress(), port));
            tcp = new StreamListener(server, Transport.TCP, config.maxConnections(), config.maxAllocationsPerIp(),
                    config.streamAllocateDeadline().toMillis(), clock, stats);
        }
        if (config.tls()) {
            ServerSocket server = config.sslContext().getServerSocketFactory().createServerSocket();
            server.setReuseAddress(true);
            bind(server, new InetSocketAddress(config.listenAddress(), config.tlsPort()));
            tls = new StreamListener(server, Transport.TLS, config.maxConnections(), config.maxAllocationsPerIp(),
                    config.streamAllocateDeadline().toMillis(), clock, stats);
        }
    }

    private static void bind(ServerSocket server, InetSocketAddress address) throws IOException {
        try {
            server.bind(address, 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    private void toClient(FiveTuple to, byte[] packet) {
        switch (to.transport()) {
            case UDP -> udp.send(to.client(), packet);
            case TCP -> tcp.send(to, packet);
            case TLS -> tls.send(to, packet);
        }
    }

    /** Closes every socket and deletes every allocation; waits at most a few seconds. Idempotent. */
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        try {
            if (udp != null) {
                udp.close();
            }
            if (tcp != null) {
                tcp.close();
            }
            if (tls != null) {
                tls.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (core != null) {
            core.closeAll();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public Optional<InetSocketAddress> udpAddress() {
        return Optional.ofNullable(udp).map(UdpLoops::localAddress);
    }

    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcp).map(StreamListener::localAddress);
    }

    public Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tls).map(StreamListener::localAddress);
    }

    public TurnStats stats() {
        return stats;
    }

    /** Live allocations (0 before start). */
    public int allocationCount() {
        TurnServerCore c = core;
        return c == null ? 0 : c.allocationCount();
    }

    public TurnConfig config() {
        return config;
    }
}
