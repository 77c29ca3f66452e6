package dev.parley.server.ws;

import dev.parley.signaling.CloseCodes;
import dev.parley.signaling.Transport;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The outbox keeps send order (one drainer at a time, FIFO) and holds at most {@link #OUTBOX_LIMIT} frames: a client
 * that cannot keep up is closed with {@link CloseCodes#SLOW_CONSUMER} instead of buffering without bound.
 * Thread-safe.
 */
final class JettyTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(JettyTransport.class);
    /** About ten full-room bursts of room events; a healthy socket never gets near it. */
    static final int OUTBOX_LIMIT = 1024;

    private final Session session;
    private final Executor drainer;
    private final ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Callback onSent;

    private record Close(int code, String reason) {
    }

    JettyTransport(Session session, Executor drainer) {
        this.session = session;
        this.drainer = drainer;
        this.onSent = Callback.from(() -> { }, failure -> {
            log.debug("Send failed on {}", session.getRemoteSocketAddress(), failure);
            close(CloseCodes.SLOW_CONSUMER, "Too slow to receive");
        });
    }

    @Override
    public void send(String text) {
        if (closing.get()) {
            return;
        }
        if (queued.incrementAndGet() > OUTBOX_LIMIT) {
            queued.decrementAndGet();
            close(CloseCodes.SLOW_CONSUMER, "Too slow to receive");
            return;
        }
        outbox.add(text);
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
                if (item instanceof String text) {
                    queued.decrementAndGet();
                    if (session.isOpen()) {
                        session.sendText(text, onSent);
                    }
                } else if (item instanceof Close close && session.isOpen()) {
                    session.close(close.code(), close.reason(), Callback.NOOP);
                }
            }
            draining.set(false);
            // A frame added after the last poll but before the flag cleared must not be stranded.
        } while (!outbox.isEmpty() && draining.compareAndSet(false, true));
    }
}
