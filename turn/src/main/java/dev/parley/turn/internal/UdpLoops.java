package dev.parley.turn.internal;

import dev.parley.turn.TurnServerCore;
import dev.parley.turn.TurnStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The UDP side of the server: {@code threads} event loops ({@link UdpLoop}), each with its own listening
 * socket bound to the same address and port with {@code SO_REUSEPORT}, so that the kernel spreads
 * clients over the loops (by a hash of the client's address and port: one client always reaches the
 * same loop). Relay sockets live on the loops too. Where {@code SO_REUSEPORT} is not available there
 * is one listening socket, on the first loop; with UDP off ({@code listen} null) the loops serve relays
 * only (for TCP and TLS clients). Thread-safe.
 */
public final class UdpLoops implements AutoCloseable {

    private final List<UdpLoop> loops = new ArrayList<>();
    /** The loops that have a listening socket: loops[0, listening). */
    private final int listening;
    private final InetSocketAddress local;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * Binds the listening sockets (if {@code listen} is not null); throws if the address is taken.
     *
     * @param threads loops to run, at least 1
     */
    public UdpLoops(InetSocketAddress listen, int threads, Clock clock, TurnStats stats) throws IOException {
        int count = Math.max(1, threads);
        int listeners = 0;
        InetSocketAddress bound = null;
        try {
            if (listen != null) {
                DatagramChannel first = DatagramChannel.open();
                boolean reusePort = count > 1 && first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
                bound = bind(first, listen, reusePort);
                loops.add(new UdpLoop(first, clock, stats));
                listeners = 1;
                for (int i = 1; reusePort && i < count; i++) {
                    DatagramChannel more = DatagramChannel.open();
                    bind(more, bound, true);
                    loops.add(new UdpLoop(more, clock, stats));
                    listeners++;
                }
            }
            while (loops.size() < count) {
                loops.add(new UdpLoop(null, clock, stats));
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.listening = listeners;
        this.local = bound;
    }

    /** Binds {@code channel} (closing it on failure) and returns the address it got. */
    private static InetSocketAddress bind(DatagramChannel channel, InetSocketAddress address, boolean reusePort)
            throws IOException {
        try {
            if (reusePort) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(address);
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The listening address, or null with UDP off. */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** Loops that have a listening socket (1 where {@code SO_REUSEPORT} is missing, 0 with UDP off). */
    public int listeningSockets() {
        return listening;
    }

    public void start(TurnServerCore core) {
        for (int i = 0; i < loops.size(); i++) {
            loops.get(i).start(core, "turn-udp-" + (local != null ? local.getPort() + "-" : "") + i);
        }
    }

    /**
     * Sends to a UDP client from the listening address: through the calling loop's own socket when called
     * on a loop (the usual case: replies and relayed data are produced on loops), else through one picked
     * by the client's address.
     */
    public void send(InetSocketAddress to, byte[] packet) {
        UdpLoop current = UdpLoop.current();
        if (current != null && current.hasListener() && loops.contains(current)) {
            current.send(to, packet);
        } else if (listening > 0) {
            loops.get(Math.floorMod(to.hashCode(), listening)).send(to, packet);
        }
    }

    /** The loop a new relay joins: the calling loop (the one that received the Allocate), else the next in turn. */
    UdpLoop loopForRelay() {
        UdpLoop current = UdpLoop.current();
        if (current != null && loops.contains(current)) {
            return current;
        }
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    @Override
    public void close() throws InterruptedException {
        for (UdpLoop loop : loops) {
            loop.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
