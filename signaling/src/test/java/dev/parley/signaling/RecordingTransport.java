package dev.parley.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that records, in order, the frames sent (decoded as JSON) and the close calls. */
final class RecordingTransport implements Transport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One thing done to the socket. */
    sealed interface Event {
    }

    record Frame(JsonNode json) implements Event {
    }

    record Close(int code, String reason) implements Event {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    /** Number of coming {@link #send} calls that throw instead of sending. */
    volatile int failSends;

    @Override
    public void send(String text) {
        if (failSends > 0) {
            failSends--;
            throw new IllegalStateException("socket write failed");
        }
        try {
            events.add(new Frame(JSON.readTree(text)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        events.add(new Close(code, reason));
    }

    List<JsonNode> frames() {
        return events.stream().filter(Frame.class::isInstance).map(e -> ((Frame) e).json()).toList();
    }

    List<JsonNode> frames(String type) {
        return frames().stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    List<String> types() {
        return frames().stream().map(f -> f.path("type").asText()).toList();
    }

    List<Close> closes() {
        return events.stream().filter(Close.class::isInstance).map(Close.class::cast).toList();
    }

    JsonNode last() {
        List<JsonNode> frames = frames();
        if (frames.isEmpty()) {
            throw new AssertionError("no frame was sent");
        }
        return frames.get(frames.size() - 1);
    }

    void clear() {
        events.clear();
    }
}
