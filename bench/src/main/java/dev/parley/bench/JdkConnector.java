package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client WebSockets over the JDK's {@link java.net.http.WebSocket}: a few shared {@link HttpClient}s (each has one
 * selector thread), connections spread round-robin. The JDK refuses a send while the previous one is unfinished, so
 * each link queues its frames and sends the next from the previous one's completion. Thread-safe.
 */
final class JdkConnector implements Connector {

    /** Selector threads; one per core keeps the client from bottlenecking on one selector. */
    private static final int CLIENTS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final ExecutorService executor = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "bench-jdk-client");
                t.setDaemon(true);
                return t;
            });
    private final HttpClient[] clients = new HttpClient[CLIENTS];
    private final AtomicInteger next = new AtomicInteger();

    JdkConnector() {
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
        }
    }

    @Override
    public CompletableFuture<Link> open(URI uri, Handler handler) {
        HttpClient client = clients[Math.floorMod(next.getAndIncrement(), CLIENTS)];
        return client.newWebSocketBuilder().buildAsync(uri, new Listener(handler)).thenApply(JdkLink::new);
    }

    @Override
    public String name() {
        return "JDK " + Runtime.version().feature() + " java.net.http.WebSocket";
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.close();
        }
        executor.shutdownNow();
    }

    private static final class JdkLink implements Link {
        private final WebSocket ws;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean sending;

        JdkLink(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public void send(String text) {
            synchronized (this) {
                if (sending) {
                    queue.add(text);
                    return;
                }
                sending = true;
            }
            write(text);
        }

        private void write(String text) {
            ws.sendText(text, true).whenComplete((w, failure) -> {
                String following;
                synchronized (this) {
                    following = failure == null ? queue.poll() : null;
                    if (following == null) {
                        sending = false;
                        queue.clear();
                        return;
                    }
                }
                write(following);
            });
        }

        @Override
        public void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Handler handler;
        private StringBuilder partial;

        Listener(Handler handler) {
            this.handler = handler;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!last) {
                (partial == null ? partial = new StringBuilder() : partial).append(data);
            } else if (partial != null) {
                handler.onText(partial.append(data).toString());
                partial = null;
            } else {
                handler.onText(data.toString());
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            handler.onClosed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            handler.onClosed(-1, String.valueOf(error));
        }
    }
}
