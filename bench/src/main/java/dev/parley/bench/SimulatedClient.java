package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated participant: joins its room, learns the other participants' ids, sends signals to them in turn and
 * hands every signal it receives to the {@link LoadRun}. Against the echo floor there is no room: the join frame and
 * every signal come straight back to the sender. Thread-safe (the library's reader thread and the run's sender
 * threads meet only in thread-safe fields).
 */
final class SimulatedClient implements Connector.Handler {

    /** Stands in for a participant id (22 characters, like Parley's) in frames sent to the echo floor. */
    static final String ECHO_ID = "echo-floor-0123456789a";
    private static final ObjectMapper JSON = new ObjectMapper();

    final int index;
    private final String room;
    private final LoadRun run;
    private final boolean parley;
    private final List<String> peers = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextPeer = new AtomicInteger();
    final CompletableFuture<Long> joined = new CompletableFuture<>();
    private volatile Connector.Link link;
    private volatile long connectStartNanos;
    private volatile long lastSentNanos;
    private volatile boolean closing;

    SimulatedClient(int index, String room, LoadRun run, boolean parley) {
        this.index = index;
        this.room = room;
        this.run = run;
        this.parley = parley;
        if (!parley) {
            peers.add(ECHO_ID);
        }
    }

    /** Opens the socket and sends {@code join}; {@link #joined} completes with the time it took, in ns. */
    void connect(Connector connector, java.net.URI uri) {
        connectStartNanos = System.nanoTime();
        connector.open(uri, this).whenComplete((l, failure) -> {
            if (failure != null) {
                joined.completeExceptionally(failure);
                return;
            }
            link = l;
            send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"c" + index + "\",\"version\":1}");
        });
    }

    int peerCount() {
        return peers.size();
    }

    /** Sends one signal to the next peer in turn, stamped with the current time. */
    void sendSignal(String padding) {
        int n = peers.size();
        if (n == 0 || link == null) {
            return;
        }
        String to = peers.get(Math.floorMod(nextPeer.getAndIncrement(), n));
        long now = System.nanoTime();
        run.sent(now);
        send(Signals.signal(to, index, now, padding));
    }

    /** Keeps the server's liveness check quiet when the client has sent nothing for a while. */
    void pingIfSilent(long now, long silenceNanos) {
        if (link != null && now - lastSentNanos > silenceNanos) {
            send("{\"type\":\"ping\"}");
        }
    }

    private void send(String text) {
        Connector.Link l = link;
        if (l != null) {
            lastSentNanos = System.nanoTime();
            l.send(text);
        }
    }

    void close() {
        closing = true;
        Connector.Link l = link;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public void onText(String text) {
        if (Signals.isSignal(text)) {
            run.received(Signals.sender(text), Signals.sentNanos(text));
        } else if (parley) {
            onParleyMessage(text);
        } else if (text.startsWith("{\"type\":\"join\"")) {
            joined.complete(System.nanoTime() - connectStartNanos);
        }
    }

    private void onParleyMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (java.io.IOException e) {
            run.error("unparseable frame: " + text);
            return;
        }
        switch (message.path("type").asText()) {
            case "joined" -> {
                for (JsonNode p : message.path("participants")) {
                    peers.add(p.path("id").asText());
                }
                joined.complete(System.nanoTime() - connectStartNanos);
            }
            case "participant-joined" -> peers.add(message.path("participant").path("id").asText());
            case "participant-left" -> peers.remove(message.path("id").asText());
            case "error" -> run.error(text);
            default -> {
                // pong, participant-updated, server-shutdown: nothing to do
            }
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        if (!closing) {
            run.unexpectedClose(index, code, reason);
        }
        joined.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
    }
}
