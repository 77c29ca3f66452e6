package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rooms.RoomRegistry;
import dev.parley.rooms.RoomsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTrackerTest {

    private final MutableClock clock = new MutableClock();
    private final RoomRegistry rooms = new RoomRegistry(RoomsConfig.DEFAULTS, clock);
    private final MessageCodec codec = new MessageCodec();
    private final SessionTracker tracker = new SessionTracker();

    private record Connection(SignalingSession session, RecordingTransport transport) {
    }

    private Connection connect() {
        RecordingTransport transport = new RecordingTransport();
        SignalingSession session = new SignalingSession(rooms, transport, codec, SignalingConfig.DEFAULTS,
                id -> List.of(), new SignalingObserver() {
                }, clock, System::nanoTime);
        tracker.add(session);
        return new Connection(session, transport);
    }

    private static String join(Connection c, String name) {
        c.session().onText("{\"type\":\"join\",\"room\":\"standup\",\"name\":\"" + name + "\",\"version\":1}");
        return c.transport().frames("joined").getLast().get("id").asText();
    }

    @Test
    void closeParticipantClosesOnlyThatParticipantsSocketWithTheGivenCode() {
        Connection ada = connect();
        Connection bob = connect();
        Connection idle = connect();
        join(ada, "Ada");
        String bobId = join(bob, "Bob");

        assertThat(tracker.closeParticipant(bobId, CloseCodes.GOING_AWAY, "dropped")).isEqualTo(1);

        assertThat(bob.transport().closes()).containsExactly(new RecordingTransport.Close(CloseCodes.GOING_AWAY, "dropped"));
        assertThat(ada.transport().closes()).isEmpty();
        assertThat(idle.transport().closes()).isEmpty();
    }

    @Test
    void closeParticipantOfAnUnknownOrLeftParticipantClosesNothing() {
        Connection bob = connect();
        String bobId = join(bob, "Bob");
        bob.session().onText("{\"type\":\"leave\"}");

        assertThat(tracker.closeParticipant(bobId, CloseCodes.GOING_AWAY, "dropped")).isZero();
        assertThat(tracker.closeParticipant("no-such-id", CloseCodes.GOING_AWAY, "dropped")).isZero();
        assertThat(bob.transport().closes()).isEmpty();
    }
}
