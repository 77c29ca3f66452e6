package dev.parley.server.ws;

import dev.parley.signaling.CloseCodes;
import dev.parley.signaling.Transport;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} over a Jetty WebSocket session. Sends are asynchronous; Jetty queues them in order, bounded by
 * the container's {@code maxOutgoingFrames}. A send that fails on an open socket means the client cannot keep up:
 * the socket is closed with {@link CloseCodes#SLOW_CONSUMER} rather than buffering without bound. Thread-safe.
 */
final class JettyTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(JettyTransport.class);

    private final Session session;
    private final Callback onSent;

    JettyTransport(Session session) {
        this.session = session;
        this.onSent = Callback.from(() -> { }, failure -> {
            if (session.isOpen()) {
                log.debug("Send failed; closing slow socket {}", session.getRemoteSocketAddress(), failure);
                close(CloseCodes.SLOW_CONSUMER, "Too slow to receive");
            }
        });
    }

    @Override
    public void send(String text) {
        if (session.isOpen()) {
            session.sendText(text, onSent);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
