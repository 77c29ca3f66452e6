package dev.parley.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Client WebSockets over Jetty's WebSocket client: one {@link WebSocketClient} (one selector, one thread pool) for
 * every connection. Jetty queues frames per connection, so sends need no serialising of our own. Thread-safe.
 */
final class JettyConnector implements Connector {

    private final HttpClient http;
    private final WebSocketClient client;

    JettyConnector() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("bench-client");
        threads.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(100_000);
        http.setConnectTimeout(10_000);
        client = new WebSocketClient(http);
        client.setIdleTimeout(Duration.ofMinutes(5));
        client.setMaxTextMessageSize(1 << 20);
        client.start();
    }

    @Override
    public CompletableFuture<Link> open(URI uri, Handler handler) {
        try {
            return client.connect(new Listener(handler), uri).thenApply(JettyLink::new);
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String name() {
        return "Jetty " + org.eclipse.jetty.util.Jetty.VERSION + " WebSocket client";
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            LoadRun.log("stopping the WebSocket client failed: %s", e);
        }
    }

    private record JettyLink(Session session) implements Link {
        @Override
        public void send(String text) {
            session.sendText(text, Callback.NOOP);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /** Public because Jetty binds listener methods through method handles. */
    public record Listener(Handler handler) implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketText(String text) {
            handler.onText(text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            handler.onClosed(statusCode, reason);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            handler.onClosed(-1, String.valueOf(cause));
        }
    }
}
