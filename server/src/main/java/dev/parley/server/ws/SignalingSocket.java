package dev.parley.server.ws;

import dev.parley.signaling.SessionTracker;
import dev.parley.signaling.SignalingSession;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's view of one signaling WebSocket: hands frames to a {@link SignalingSession} and reports the close.
 * Jetty calls these methods one at a time per connection (auto-demand: the next frame is read after
 * {@link #onWebSocketText} returns).
 */
public final class SignalingSocket implements Session.Listener.AutoDemanding {

    private static final Logger log = LoggerFactory.getLogger(SignalingSocket.class);

    private final Function<JettyTransport, SignalingSession> sessions;
    private final SessionTracker tracker;
    private final Executor drainer;
    private final Runnable released;
    private SignalingSession session;
    private boolean closed;

    /** @param released called once when the socket closes: gives its admission slot back */
    SignalingSocket(Function<JettyTransport, SignalingSession> sessions, SessionTracker tracker, Executor drainer,
            Runnable released) {
        this.sessions = sessions;
        this.tracker = tracker;
        this.drainer = drainer;
        this.released = released;
    }

    @Override
    public void onWebSocketOpen(Session jetty) {
        session = sessions.apply(new JettyTransport(jetty, drainer));
        tracker.add(session);
    }

    @Override
    public void onWebSocketText(String text) {
        session.onText(text);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("WebSocket error", cause);
        closed();
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        released.run();
        if (session != null) {
            session.onClose();
            tracker.remove(session);
        }
    }
}
