package dev.parley.bench;

import dev.parley.server.ws.SignalingWebSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The floor: a bare Jetty WebSocket endpoint at {@code /ws} that sends every text frame straight back. Same Jetty,
 * thread pool size and frame limits as Parley's signaling endpoint, but no JSON, rooms, outbox or metrics, so the
 * difference between the two is what Parley itself costs. Thread-safe.
 */
final class EchoServer implements AutoCloseable {

    private final Server jetty;
    private final ServerConnector connector;
    private final AtomicInteger connections = new AtomicInteger();

    EchoServer() {
        // Same pool as ParleyServer: at most 200 threads, at least 8.
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("echo-http");
        jetty = new Server(threads);
        connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(jetty, context, container -> {
            container.setMaxTextMessageSize(SignalingWebSocket.MAX_FRAME);
            container.setMaxFrameSize(SignalingWebSocket.MAX_FRAME);
            container.addMapping("/ws", (request, response, callback) -> new Echo());
        }));
        jetty.setHandler(context);
    }

    void start() throws Exception {
        jetty.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            System.err.println("stopping the echo server failed: " + e);
        }
    }

    /** One connection; Jetty calls it one frame at a time. Public because Jetty binds it through method handles. */
    public final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            connections.incrementAndGet();
        }

        @Override
        public void onWebSocketText(String text) {
            session.sendText(text, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            connections.decrementAndGet();
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // A client that goes away mid-echo; nothing to do, the close follows.
        }
    }
}
