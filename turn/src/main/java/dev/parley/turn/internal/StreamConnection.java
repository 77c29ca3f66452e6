package dev.parley.turn.internal;

import dev.parley.stun.ChannelData;
import dev.parley.stun.StunMessage;
import dev.parley.turn.DropReason;
import dev.parley.turn.FiveTuple;
import dev.parley.turn.TurnServerCore;
import dev.parley.turn.TurnStats;
import dev.parley.turn.Verdict;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP or TLS client connection (RFC 8656 §4): STUN messages and ChannelData back to back on the
 * stream, framed by their own length fields. A reader thread frames and hands each message to the
 * core; a writer thread drains the bounded outbox. Junk (a first byte that starts neither, or a
 * message the core finds malformed) closes the connection: after it the framing is lost. A
 * connection that has no allocation and is silent for {@link #IDLE_MS} is closed, and so is one that
 * has no allocation at a watchdog check (the first {@code allocateDeadline} after it opened, then
 * every such period): a client trickling a byte now and then keeps reads alive but not its slot.
 * The outbox is bounded in frames and in bytes ({@link #OUTBOX_BYTES}); beyond either, frames are
 * dropped as UDP would drop them. Thread-safe.
 */
final class StreamConnection {

    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);
    /** Frames queued for a client that does not read; beyond this they are dropped as UDP would be. */
    static final int OUTBOX_FRAMES = 1_024;
    /** 1 MiB queued for one client at most: about 0.5 s of a 16 Mbit/s relay. */
    static final long OUTBOX_BYTES = 1 << 20;
    /** A connection without an allocation may idle this long: enough for a slow client's 401 round trip. */
    static final int IDLE_MS = 30_000;

    private final Socket socket;
    private final FiveTuple tuple;
    private final TurnServerCore core;
    private final Clock clock;
    private final TurnStats stats;
    private final Runnable onClosed;
    private final BlockingQueue<byte[]> outbox = new ArrayBlockingQueue<>(OUTBOX_FRAMES);
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long allocateDeadlineMillis;
    private volatile boolean closed;
    private Thread writer;
    private Thread watchdog;

    StreamConnection(Socket socket, FiveTuple tuple, TurnServerCore core, Clock clock, TurnStats stats,
            long allocateDeadlineMillis, Runnable onClosed) {
        this.allocateDeadlineMillis = allocateDeadlineMillis;
        this.socket = socket;
        this.tuple = tuple;
        this.core = core;
        this.clock = clock;
        this.stats = stats;
        this.onClosed = onClosed;
    }

    FiveTuple tuple() {
        return tuple;
    }

    void start() {
        writer = Thread.ofVirtual().name("turn-write-" + tuple.client()).start(this::writeLoop);
        Thread.ofVirtual().name("turn-conn-" + tuple.client()).start(this::readLoop);
        watchdog = Thread.ofVirtual().name("turn-watch-" + tuple.client()).start(this::watch);
    }

    /** Closes the connection at the first check that finds it without an allocation. */
    private void watch() {
        try {
            while (!closed) {
                Thread.sleep(allocateDeadlineMillis); // a timer, not synchronisation: one check per period
                if (!closed && !core.hasAllocation(tuple)) {
                    LOG.debug("closing {}: no allocation within {} ms", tuple, allocateDeadlineMillis);
                    stats.drop(DropReason.NO_ALLOCATION);
                    close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a frame; never blocks. */
    void send(byte[] frame) {
        if (closed) {
            stats.drop(DropReason.CLIENT_QUEUE_FULL);
            return;
        }
        if (queuedBytes.addAndGet(frame.length) > OUTBOX_BYTES || !outbox.offer(frame)) {
            queuedBytes.addAndGet(-frame.length);
            stats.drop(DropReason.CLIENT_QUEUE_FULL);
        }
    }

    /** Bytes queued for the client now (for tests). */
    long queuedBytes() {
        return queuedBytes.get();
    }

    private void readLoop() {
        try {
            socket.setSoTimeout(IDLE_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
            byte[] frame = new byte[StunMessage.HEADER_LENGTH + 65_535 + 3];
            while (!closed) {
                int length = readFrame(in, frame);
                if (length < 0) {
                    break;
                }
                if (core.onClientPacket(tuple, frame, 0, length, clock.millis()) == Verdict.MALFORMED) {
                    LOG.debug("closing {}: malformed message", tuple);
                    break;
                }
            }
        } catch (EOFException e) {
            LOG.trace("{} closed by the client", tuple);
        } catch (IOException e) {
            LOG.debug("{}: {}", tuple, e.toString());
        } finally {
            close();
        }
    }

    /** Reads one message into {@code frame}; returns its length, or -1 to disconnect (junk or idle). */
    private int readFrame(DataInputStream in, byte[] frame) throws IOException {
        while (true) {
            try {
                in.readFully(frame, 0, 4);
                break;
            } catch (SocketTimeoutException e) {
                if (!core.hasAllocation(tuple)) {
                    return -1;
                }
            }
        }
        int top = frame[0] & 0xC0;
        int length;
        if (top == 0x00) {
            length = StunMessage.frameLength(frame, 0, 4);
            if ((length & 3) != 0) {
                stats.drop(DropReason.MALFORMED);
                return -1;
            }
        } else if (top == 0x40) {
            // RFC 8656 §12.5: padded to 4 on streams. Only a client with an allocation may send
            // ChannelData, and only on 0x4000-0x4FFF: anything else (an HTTP "GET " starts 0x47) is junk.
            int channel = ((frame[0] & 0xff) << 8) | (frame[1] & 0xff);
            if (channel > core.maxChannelNumber() || !core.hasAllocation(tuple)) {
                stats.drop(DropReason.NOT_STUN);
                return -1;
            }
            length = ChannelData.frameLength(frame, 0, 4);
        } else {
            stats.drop(DropReason.NOT_STUN);
            return -1;
        }
        in.readFully(frame, 4, length - 4);
        return length;
    }

    private void writeLoop() {
        try {
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (!closed) {
                byte[] frame = outbox.poll(1, TimeUnit.SECONDS);
                if (frame == null) {
                    continue;
                }
                out.write(frame);
                queuedBytes.addAndGet(-frame.length);
                // Write what else is queued before flushing: one system call for a burst.
                for (byte[] next = outbox.poll(); next != null; next = outbox.poll()) {
                    out.write(next);
                    queuedBytes.addAndGet(-next.length);
                }
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("{} write: {}", tuple, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("closing {}: {}", tuple, e.getMessage());
        }
        core.onClientClosed(tuple);
        onClosed.run();
        if (watchdog != null && watchdog != Thread.currentThread()) {
            watchdog.interrupt();
        }
    }

    void join(long millis) throws InterruptedException {
        if (writer != null) {
            writer.join(millis);
        }
    }
}
