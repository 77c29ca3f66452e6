package dev.parley.turn.internal;

import dev.parley.turn.DropReason;
import dev.parley.turn.FiveTuple;
import dev.parley.turn.Transport;
import dev.parley.turn.TurnServerCore;
import dev.parley.turn.TurnStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP event loop: a platform thread with a {@link Selector} over one listening socket (if UDP is
 * on; a member of the port's {@code SO_REUSEPORT} group) and the relay sockets of the allocations
 * made through it. Every socket here is non-blocking and read only by this thread; a ready socket is
 * drained a batch at a time. Because the kernel hashes a client's datagrams to the same listening
 * socket every time, and the client's relay is registered on the loop that received its Allocate, both
 * directions of a UDP allocation run on one thread, and replies leave through this loop's own
 * listening socket, whose write lock no other thread contends for.
 *
 * <p>Thread-safe: {@link #register}, {@link #send} and {@link #awaitDeregistered} may be called from any
 * thread.
 */
final class UdpLoop {

    private static final Logger LOG = LoggerFactory.getLogger(UdpLoop.class);
    /** Datagrams read from one socket before the loop looks at the others: fairness between busy sockets. */
    private static final int BATCH = 64;
    /** Largest UDP payload; a bigger datagram is truncated by the kernel and then handled as is. */
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel listener;
    private final InetSocketAddress local;
    private final Selector selector;
    private final Clock clock;
    private final TurnStats stats;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    /** Completed select calls; a close waits for two so that the kernel socket is gone (see awaitDeregistered). */
    private volatile long selects;
    private volatile boolean running;
    private Thread thread;
    private TurnServerCore core;
    /** A relay of this loop was closed on this thread: select (which lets go of it) before reading on. Loop only. */
    private boolean closedHere;

    /** The thread type of loops, so a caller can find the loop it runs on without a thread-local lookup. */
    static final class LoopThread extends Thread {
        final UdpLoop loop;

        LoopThread(UdpLoop loop, String name) {
            super(loop::run, name);
            this.loop = loop;
            setDaemon(true);
        }
    }

    /** @param listener a bound listening socket, or null for a loop that serves relays only */
    UdpLoop(DatagramChannel listener, Clock clock, TurnStats stats) throws IOException {
        this.listener = listener;
        this.clock = clock;
        this.stats = stats;
        this.selector = Selector.open();
        this.local = listener == null ? null : (InetSocketAddress) listener.getLocalAddress();
        if (listener != null) {
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_READ);
        }
    }

    boolean hasListener() {
        return listener != null;
    }

    /** The loop the calling thread runs, or null. */
    static UdpLoop current() {
        return Thread.currentThread() instanceof LoopThread t ? t.loop : null;
    }

    void start(TurnServerCore core, String name) {
        this.core = core;
        running = true;
        thread = new LoopThread(this, name);
        thread.start();
    }

    /** Adds a non-blocking relay socket; it is read from the next select on. */
    void register(UdpRelayFactory.UdpRelay relay) throws IOException {
        relay.channel.register(selector, SelectionKey.OP_READ, relay);
        if (current() != this) {
            selector.wakeup();
        }
    }

    /** Sends through this loop's listening socket (non-blocking; a full send buffer drops the datagram). */
    void send(InetSocketAddress to, byte[] packet) {
        try {
            if (listener.send(ByteBuffer.wrap(packet), to) == 0) {
                stats.drop(DropReason.SEND_FAILED);
            }
        } catch (IOException e) {
            stats.drop(DropReason.SEND_FAILED);
        }
    }

    /**
     * Waits (at most 1 s) until a socket closed by the caller is really closed. A closed channel that
     * is registered with a selector keeps its file descriptor, and so its port, until that selector
     * deregisters it in a select that starts after the close; two completed selects guarantee one such.
     * On the loop's own thread this returns at once, and the loop selects again before it reads any
     * further datagram.
     */
    void awaitDeregistered() {
        if (current() == this) {
            closedHere = true;
            return;
        }
        if (!running) {
            return;
        }
        long target = selects + 2;
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (running && selects < target && System.nanoTime() < deadline) {
            selector.wakeup();
            LockSupport.parkNanos(50_000);
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                selects++;
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.attachment() instanceof UdpRelayFactory.UdpRelay relay) {
                        drainRelay(relay);
                    } else {
                        drainListener();
                    }
                    if (closedHere) {
                        // Ready sockets not read yet stay ready (epoll is level-triggered): the next select,
                        // which frees the closed relay's port first, reports them again.
                        closedHere = false;
                        selector.selectedKeys().clear();
                        break;
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.warn("udp loop {} stopped: {}", Thread.currentThread().getName(), e.toString());
            }
        } finally {
            running = false;
        }
    }

    private void drainListener() {
        for (int i = 0; i < BATCH; i++) {
            try {
                buffer.clear();
                SocketAddress from = listener.receive(buffer);
                if (from == null) {
                    return;
                }
                if (from instanceof InetSocketAddress client) {
                    core.onClientPacket(new FiveTuple(Transport.UDP, client, local), buffer.array(), 0,
                            buffer.position(), clock.millis());
                }
                if (closedHere) {
                    return;
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                stats.drop(DropReason.MALFORMED);
                LOG.debug("udp receive: {}", e.toString());
            }
        }
    }

    private void drainRelay(UdpRelayFactory.UdpRelay relay) {
        for (int i = 0; i < BATCH; i++) {
            try {
                buffer.clear();
                SocketAddress from = relay.channel.receive(buffer);
                if (from == null) {
                    return;
                }
                if (from instanceof InetSocketAddress peer) {
                    core.onPeerDatagram(relay.address(), peer, buffer.array(), 0, buffer.position(), clock.millis());
                }
                if (closedHere) {
                    return;
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                stats.drop(DropReason.SEND_FAILED);
                LOG.debug("relay {} receive: {}", relay.address(), e.toString());
            }
        }
    }

    /** Stops the thread, then closes the selector (which releases closed relays) and the listening socket. */
    void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        if (thread != null && thread != Thread.currentThread()) {
            thread.join(2_000);
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector: {}", e.getMessage());
        }
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                LOG.debug("closing udp listener: {}", e.getMessage());
            }
        }
    }
}
