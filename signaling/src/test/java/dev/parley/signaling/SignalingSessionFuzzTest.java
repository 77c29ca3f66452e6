package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.rooms.RoomRegistry;
import dev.parley.rooms.RoomsConfig;
import java.time.Duration;
import java.util.List;

/**
 * Stateful fuzzing of signaling sessions: three sockets send any sequence of protocol messages with fuzzed fields
 * (join, resume with tokens seen, leave, signal to ids seen, state, chat, chat-history, ping, get-ice-servers) and
 * raw text, close and reopen, while time moves on. No session ever answers {@code internal} (an exception in a
 * handler), a room never holds more than its capacity, and once every socket is gone and the resume grace has
 * passed no room is left. A plain test run replays the seeds in
 * {@code src/test/resources/dev/parley/signaling/SignalingSessionFuzzTestInputs/}.
 */
class SignalingSessionFuzzTest {

    private static final int CAPACITY = 2;
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String[] ROOMS = {"a", "b", "bad name", ""};
    private static final String[] TYPES = {"join", "resume", "leave", "signal", "state", "chat", "chat-history",
        "ping", "get-ice-servers", "sfu-connect", "sfu-answer", "nope"};

    @FuzzTest(maxDuration = "30s")
    void anyMessageSequenceLeavesRoomsConsistentAndNeverFailsInternally(FuzzedDataProvider data) {
        MutableClock clock = new MutableClock();
        long[] nanos = {1_000_000_000_000L};
        RoomRegistry rooms = new RoomRegistry(new RoomsConfig(CAPACITY, 20, 4096, GRACE), clock);
        MessageCodec codec = new MessageCodec();
        IceServerProvider ice = IceServerProvider.fixed(List.of());
        RecordingTransport[] transports = new RecordingTransport[3];
        SignalingSession[] sessions = new SignalingSession[3];
        for (int i = 0; i < sessions.length; i++) {
            transports[i] = new RecordingTransport();
            sessions[i] = new SignalingSession(rooms, transports[i], codec, SignalingConfig.DEFAULTS, ice,
                    SignalingObserver.NONE, clock, () -> nanos[0]);
        }
        for (int step = 0; step < 40 && data.remainingBytes() > 0; step++) {
            int who = data.consumeInt(0, sessions.length - 1);
            int action = data.consumeInt(0, 9);
            if (action == 0) {
                sessions[who].onClose();
                transports[who] = new RecordingTransport();
                sessions[who] = new SignalingSession(rooms, transports[who], codec, SignalingConfig.DEFAULTS, ice,
                        SignalingObserver.NONE, clock, () -> nanos[0]);
            } else if (action == 1) {
                long ms = data.consumeLong(0, 40_000);
                clock.advance(Duration.ofMillis(ms));
                nanos[0] += ms * 1_000_000;
                rooms.sweep();
            } else if (action == 2) {
                sessions[who].onText(data.consumeString(300));
            } else {
                sessions[who].onText(message(data, transports));
            }
            for (RecordingTransport t : transports) {
                assertThat(t.frames("error")).noneMatch(e -> e.path("code").asText().equals("internal"));
            }
            for (String room : new String[] {"a", "b"}) {
                assertThat(rooms.roster(room).size()).isLessThanOrEqualTo(CAPACITY);
            }
        }
        for (SignalingSession s : sessions) {
            s.onClose();
        }
        clock.advance(GRACE.plusSeconds(1));
        rooms.sweep();
        assertThat(rooms.roomCount()).isZero();
        assertThat(rooms.participantCount()).isZero();
    }

    /** A message of a fuzzed type with fuzzed fields, using ids and tokens the sockets have seen. */
    private static String message(FuzzedDataProvider data, RecordingTransport[] transports) {
        String type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        String seenId = seen(transports, "id", data);
        String seenToken = seen(transports, "resumeToken", data);
        com.fasterxml.jackson.databind.node.ObjectNode m = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build().createObjectNode().put("type", type);
        switch (type) {
            case "join" -> m.put("room", ROOMS[data.consumeInt(0, ROOMS.length - 1)]).put("name", data.consumeString(45))
                    .put("version", data.consumeInt(0, 2));
            case "resume" -> m.put("token", data.consumeBoolean() ? seenToken : data.consumeString(30));
            case "signal" -> m.put("to", data.consumeBoolean() ? seenId : data.consumeString(20)).putObject("payload")
                    .put("sdp", data.consumeString(100));
            case "state" -> m.put("audioMuted", data.consumeBoolean()).put("screenSharing", data.consumeBoolean());
            case "chat" -> m.put("text", data.consumeString(200));
            case "chat-history" -> m.put("before", data.consumeString(20));
            case "sfu-answer" -> m.put("version", data.consumeInt()).put("sdp", data.consumeString(100));
            default -> m.put("x", data.consumeInt());
        }
        if (data.consumeBoolean()) {
            m.put("ref", data.consumeString(10));
        }
        return m.toString();
    }

    private static String seen(RecordingTransport[] transports, String field, FuzzedDataProvider data) {
        for (RecordingTransport t : transports) {
            List<com.fasterxml.jackson.databind.JsonNode> joined = t.frames("joined");
            if (!joined.isEmpty()) {
                return joined.getLast().path(field).asText();
            }
        }
        return "none";
    }
}
