package dev.parley.server.ws;

import dev.parley.signaling.CloseCodes;
import dev.parley.signaling.Transport;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} over a Jetty WebSocket session, through a bounded outbox.
 *
 * <p>Why an outbox: callers send while holding a room's lock, and Jetty may call listeners back synchronously from
 * {@code sendText} (a failed write reports the error and close on the calling thread). Handing frames to Jetty from
 * a separate drain task means no Jetty call ever runs under one of our locks, so those callbacks cannot deadlock.
 * The outbox keeps send order (one drainer at a time, FIFO). What a socket has not yet taken is bounded in bytes:
 * frames in the outbox plus frames handed to Jetty whose write has not completed, at most {@link #OUTBOX_BYTES}.
 * A client that does not read is closed with {@link CloseCodes#SLOW_CONSUMER} once it passes that, instead of
 * the server buffering for it without bound (a frame count would not do: frames range from 20 bytes to 64 KiB).
 * Thread-safe.
 */
final class JettyTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(JettyTransport.class);
    /**
     * 1 MiB: sixteen of the largest frames the server sends (a {@code joined} stays under 64 KiB), far above what a
     * reading client ever has pending, and small enough that a thousand stalled sockets hold 1 GiB at most.
     */
    static final long OUTBOX_BYTES = 1 << 20;

    private final Session session;
    private final Executor drainer;
    private final ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    private record Close(int code, String reason) {
    }

    /** A text frame and its UTF-8 length, counted once. */
    private record Frame(String text, long bytes) {
    }

    JettyTransport(Session session, Executor drainer) {
        this.session = session;
        this.drainer = drainer;
    }

    /** Bytes queued or being written now (for tests). */
    long pendingBytes() {
        return pendingBytes.get();
    }

    @Override
    public void send(String text) {
        if (closing.get()) {
            return;
        }
        long bytes = utf8Length(text);
        if (pendingBytes.addAndGet(bytes) > OUTBOX_BYTES) {
            pendingBytes.addAndGet(-bytes);
            close(CloseCodes.SLOW_CONSUMER, "Too slow to receive");
            return;
        }
        outbox.add(new Frame(text, bytes));
        schedule();
    }

    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            outbox.add(new Close(code, reason));
            schedule();
        }
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            drainer.execute(this::drain);
        }
    }

    private void drain() {
        do {
            for (Object item = outbox.poll(); item != null; item = outbox.poll()) {
                if (item instanceof Frame frame) {
                    long bytes = frame.bytes();
                    if (session.isOpen()) {
                        session.sendText(frame.text(), Callback.from(() -> pendingBytes.addAndGet(-bytes), failure -> {
                            pendingBytes.addAndGet(-bytes);
                            log.debug("Send failed on {}", session.getRemoteSocketAddress(), failure);
                            close(CloseCodes.SLOW_CONSUMER, "Too slow to receive");
                        }));
                    } else {
                        pendingBytes.addAndGet(-bytes);
                    }
                } else if (item instanceof Close close && session.isOpen()) {
                    session.close(close.code(), close.reason(), Callback.NOOP);
                }
            }
            draining.set(false);
            // A frame added after the last poll but before the flag cleared must not be stranded.
        } while (!outbox.isEmpty() && draining.compareAndSet(false, true));
    }

    /** The UTF-8 length of {@code s}, what its frame carries. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
