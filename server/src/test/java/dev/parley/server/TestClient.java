package dev.parley.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that queues what the server sends, for integration tests. */
final class TestClient implements WebSocket.Listener, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    /** Received but skipped by {@link #next(Predicate, String)}; guarded by itself. */
    private final List<JsonNode> backlog = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    final WebSocket socket;

    private TestClient(URI uri, String origin) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, this).join();
    }

    static TestClient connect(ParleyServer server) {
        return new TestClient(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), null);
    }

    static TestClient connect(ParleyServer server, String origin) {
        return new TestClient(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), origin);
    }

    /** Connects and joins; returns the client after its {@code joined} arrived. */
    static TestClient joined(ParleyServer server, String room, String name) {
        TestClient client = connect(server);
        client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"version\":1}");
        client.joined = client.next("joined");
        return client;
    }

    JsonNode joined;

    String id() {
        return joined.get("id").asText();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(Object message) {
        try {
            send(JSON.writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The next message, whatever its type. */
    JsonNode next() {
        try {
            JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + WAIT);
            }
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next message of {@code type}, skipping others. */
    JsonNode next(String type) {
        return next(m -> type.equals(m.path("type").asText()), type);
    }

    /**
     * The next message {@code wanted} accepts. Messages skipped on the way are kept, in order, for later calls and
     * {@link #drain}.
     */
    JsonNode next(Predicate<JsonNode> wanted, String what) {
        JsonNode message = poll(wanted, WAIT);
        if (message == null) {
            throw new AssertionError("no " + what + " within " + WAIT + "; got " + drainPeek());
        }
        return message;
    }

    /**
     * Waits for a message of {@code type} while pinging once a second, so this client is not closed for silence
     * by a short liveness timeout.
     */
    JsonNode nextKeepingAlive(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            send("{\"type\":\"ping\",\"ref\":\"keepalive\"}");
            JsonNode message = poll(m -> type.equals(m.path("type").asText()), Duration.ofSeconds(1));
            if (message != null) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " within " + WAIT);
    }

    private List<JsonNode> drainPeek() {
        synchronized (backlog) {
            return List.copyOf(backlog);
        }
    }

    /** Like {@link #next(Predicate, String)} but returns null after {@code timeout}. */
    JsonNode poll(Predicate<JsonNode> wanted, Duration timeout) {
        synchronized (backlog) {
            for (int i = 0; i < backlog.size(); i++) {
                if (wanted.test(backlog.get(i))) {
                    return backlog.remove(i);
                }
            }
        }
        List<JsonNode> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message;
            try {
                message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (message == null) {
                break;
            }
            if (wanted.test(message)) {
                synchronized (backlog) {
                    backlog.addAll(skipped);
                }
                return message;
            }
            skipped.add(message);
        }
        synchronized (backlog) {
            backlog.addAll(skipped);
        }
        return null;
    }

    /** Messages already received and not yet taken. */
    List<JsonNode> drain() {
        List<JsonNode> all;
        synchronized (backlog) {
            all = new ArrayList<>(backlog);
            backlog.clear();
        }
        messages.drainTo(all);
        return all;
    }

    /** Sends a ping and waits for its pong: everything the server sent before it has then arrived. */
    void sync() {
        send("{\"type\":\"ping\",\"ref\":\"sync\"}");
        next("pong");
    }

    int awaitClose() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Waits up to {@code timeout} for the close; returns quietly either way. */
    void awaitClose(Duration timeout) {
        try {
            closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // still open
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    /** Drops the TCP connection without a close frame, as a crashed browser would. */
    void kill() {
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("server sent invalid JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
