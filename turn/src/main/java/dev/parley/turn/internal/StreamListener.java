package dev.parley.turn.internal;

import dev.parley.turn.DropReason;
import dev.parley.turn.FiveTuple;
import dev.parley.turn.Transport;
import dev.parley.turn.TurnServerCore;
import dev.parley.turn.TurnStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP or TLS connections (one virtual thread in {@code accept}) and keeps the live
 * {@link StreamConnection}s by 5-tuple so the core's output can reach them. At most
 * {@code maxConnections} at once, and {@code maxPerAddress} from one client IP address (each
 * connection holds at most one allocation, so this is the allocation cap per address); more are
 * closed on accept. Thread-safe.
 */
public final class StreamListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamListener.class);

    private final ServerSocket server;
    private final Transport transport;
    private final InetSocketAddress local;
    private final int maxConnections;
    private final Clock clock;
    private final TurnStats stats;
    private final Map<FiveTuple, StreamConnection> connections = new ConcurrentHashMap<>();
    private final Map<java.net.InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final int maxPerAddress;
    private final long allocateDeadlineMillis;
    private Thread thread;

    /** @param server a bound plain or SSL server socket */
    public StreamListener(ServerSocket server, Transport transport, int maxConnections, int maxPerAddress,
            long allocateDeadlineMillis, Clock clock, TurnStats stats) {
        this.maxPerAddress = maxPerAddress;
        this.allocateDeadlineMillis = allocateDeadlineMillis;
        this.server = server;
        this.transport = transport;
        this.local = (InetSocketAddress) server.getLocalSocketAddress();
        this.maxConnections = maxConnections;
        this.clock = clock;
        this.stats = stats;
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public void start(TurnServerCore core) {
        thread = Thread.ofVirtual().name("turn-accept-" + transport.name().toLowerCase() + "-" + local.getPort())
                .start(() -> acceptLoop(core));
    }

    private void acceptLoop(TurnServerCore core) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("accept on {}: {}", local, e.toString());
                }
                continue;
            }
            if (connections.size() >= maxConnections) {
                stats.drop(DropReason.CLIENT_QUEUE_FULL);
                closeQuietly(socket);
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            FiveTuple tuple = new FiveTuple(transport, (InetSocketAddress) socket.getRemoteSocketAddress(), local);
            java.net.InetAddress address = tuple.client().getAddress();
            if (perAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
                perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
                stats.drop(DropReason.QUOTA);
                closeQuietly(socket);
                continue;
            }
            StreamConnection connection = new StreamConnection(socket, tuple, core, clock, stats,
                    allocateDeadlineMillis, () -> {
                        connections.remove(tuple);
                        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
                    });
            connections.put(tuple, connection);
            connection.start();
        }
    }

    /** Queues {@code packet} for the connection of {@code tuple}; dropped if it is gone. */
    public void send(FiveTuple tuple, byte[] packet) {
        StreamConnection c = connections.get(tuple);
        if (c == null) {
            stats.drop(DropReason.SEND_FAILED);
            return;
        }
        c.send(packet);
    }

    public int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", local, e.getMessage());
        }
        if (thread != null) {
            thread.join(2_000);
        }
        for (StreamConnection c : connections.values()) {
            c.close();
            c.join(2_000);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("close: {}", e.getMessage());
        }
    }
}
