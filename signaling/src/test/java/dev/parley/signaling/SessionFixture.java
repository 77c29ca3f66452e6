package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.rooms.RoomRegistry;
import dev.parley.rooms.RoomsConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the signaling session tests share: a room registry with a test clock and time source, a recording
 * ICE server provider and observer, and {@link Client}, one socket whose frames are kept.
 */
abstract class SessionFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CAPACITY = 3;
    static final Duration GRACE = Duration.ofSeconds(30);
    static final long SECOND = 1_000_000_000L;

    final MutableClock clock = new MutableClock();
    final RoomRegistry rooms = new RoomRegistry(new RoomsConfig(CAPACITY, 200, 4096, GRACE), clock);
    final MessageCodec codec = new MessageCodec();
    final SignalingConfig config = SignalingConfig.DEFAULTS;
    final AtomicInteger failingIceLookups = new AtomicInteger();
    final List<String> observedErrors = new CopyOnWriteArrayList<>();
    long nanos = 1_000 * SECOND;

    final IceServerProvider iceServers = new IceServerProvider() {
        @Override
        public List<IceServer> forParticipant(String id) {
            if (failingIceLookups.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("credential service down");
            }
            return List.of(new IceServer(List.of("stun:stun.example.org:3478"), null, null),
                    new IceServer(List.of("turn:turn.example.org:3478"), "user-" + id, "secret"));
        }

        @Override
        public List<IceServer> forProbe(String id) {
            return List.of(new IceServer(List.of("turn:turn.example.org:3478"), "short-lived-" + id, "secret"));
        }
    };

    final SignalingObserver observer = new SignalingObserver() {
        @Override
        public void protocolError(ErrorCode code) {
            observedErrors.add(code.wire());
        }
    };

    /** One connected socket: the session under test and what it sent. */
    final class Client {
        final RecordingTransport transport = new RecordingTransport();
        final SignalingSession session = new SignalingSession(rooms, transport, codec, config, iceServers, observer,
                clock, () -> nanos);

        String id;
        String token;

        Client send(String json) {
            session.onText(json);
            List<JsonNode> joined = transport.frames("joined");
            if (!joined.isEmpty()) {
                id = joined.getLast().get("id").asText();
                token = joined.getLast().get("resumeToken").asText();
            }
            return this;
        }

        JsonNode join(String room, String name) {
            send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"version\":1}");
            return transport.last();
        }

        /** The participant id from the last {@code joined} this client received. */
        String id() {
            return id;
        }

        /** The resume token from the last {@code joined} this client received. */
        String token() {
            return token;
        }

        JsonNode last() {
            return transport.last();
        }

        List<JsonNode> frames(String type) {
            return transport.frames(type);
        }

        List<String> types() {
            return transport.types();
        }
    }

    Client joined(String room, String name) {
        Client client = new Client();
        assertThat(client.join(room, name).get("type").asText()).isEqualTo("joined");
        return client;
    }

    static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertError(JsonNode frame, String code) {
        assertThat(frame.get("type").asText()).isEqualTo("error");
        assertThat(frame.get("code").asText()).isEqualTo(code);
        assertThat(frame.get("message").asText()).isNotBlank();
    }
}
