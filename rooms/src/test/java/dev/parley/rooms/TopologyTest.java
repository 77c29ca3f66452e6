package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private final MutableClock clock = new MutableClock();
    private final RoomRegistry rooms = new RoomRegistry(
            new RoomsConfig(8, 200, 4096, Duration.ofSeconds(30)).withP2pMax(2), clock);

    @Test
    void theThirdParticipantSwitchesTheRoomToTheSfuAndEveryoneIsTold() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        RecordingEndpoint b = new RecordingEndpoint();
        RecordingEndpoint c = new RecordingEndpoint();
        assertThat(rooms.join("r", "Ada", a).topology()).isEqualTo(Topology.P2P);
        JoinGrant gb = rooms.join("r", "Bob", b);
        assertThat(gb.topology()).isEqualTo(Topology.P2P);
        assertThat(a.of(RoomEvent.TopologyChanged.class)).isEmpty();

        JoinGrant gc = rooms.join("r", "Cy", c);

        assertThat(gc.topology()).isEqualTo(Topology.SFU);
        assertThat(a.of(RoomEvent.TopologyChanged.class)).containsExactly(new RoomEvent.TopologyChanged(Topology.SFU));
        assertThat(b.of(RoomEvent.TopologyChanged.class)).containsExactly(new RoomEvent.TopologyChanged(Topology.SFU));
        assertThat(c.of(RoomEvent.TopologyChanged.class)).as("the joiner reads it in joined").isEmpty();
        assertThat(rooms.topology(gb.membership())).isEqualTo(Topology.SFU);
    }

    @Test
    void theRoomStaysOnTheSfuWhenItShrinksAndIsPeerToPeerAgainOnceEmptied() throws Exception {
        List<JoinGrant> grants = new ArrayList<>();
        for (String name : List.of("A", "B", "C")) {
            grants.add(rooms.join("r", name, new RecordingEndpoint()));
        }
        rooms.leave(grants.get(2).membership());
        rooms.leave(grants.get(1).membership());
        assertThat(rooms.topology(grants.get(0).membership())).isEqualTo(Topology.SFU);
        RecordingEndpoint late = new RecordingEndpoint();
        assertThat(rooms.join("r", "D", late).topology()).isEqualTo(Topology.SFU);

        rooms.leave(grants.get(0).membership());
        rooms.leave(late.of(RoomEvent.Joined.class).get(0).grant().membership());
        assertThat(rooms.join("r", "E", new RecordingEndpoint()).topology()).isEqualTo(Topology.P2P);
    }

    @Test
    void roomsWithoutAnSfuNeverSwitch() throws Exception {
        RoomRegistry p2pOnly = new RoomRegistry(new RoomsConfig(8, 200, 4096, Duration.ofSeconds(30)), clock);
        JoinGrant last = null;
        for (int i = 0; i < 8; i++) {
            last = p2pOnly.join("r", "p" + i, new RecordingEndpoint());
        }
        assertThat(last.topology()).isEqualTo(Topology.P2P);
    }

    @Test
    void sendToReachesOnlyTheConnectedParticipantNamed() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        RecordingEndpoint b = new RecordingEndpoint();
        JoinGrant ga = rooms.join("r", "Ada", a);
        JoinGrant gb = rooms.join("r", "Bob", b);
        RoomName room = ga.membership().room();

        assertThat(rooms.sendTo(room, gb.membership().participantId(), "offer")).isTrue();
        assertThat(b.of(RoomEvent.Direct.class)).containsExactly(new RoomEvent.Direct("offer"));
        assertThat(a.of(RoomEvent.Direct.class)).isEmpty();

        rooms.disconnect(gb.membership());
        assertThat(rooms.sendTo(room, gb.membership().participantId(), "lost")).isFalse();
        assertThat(rooms.sendTo(room, "nobody", "x")).isFalse();
        assertThat(rooms.sendTo(new RoomName("other"), ga.membership().participantId(), "x")).isFalse();
    }

    @Test
    void theListenerHearsDeparturesOfEveryKindAndStateChanges() throws Exception {
        List<String> heard = new ArrayList<>();
        rooms.listener(new RoomListener() {
            @Override
            public void participantLeft(RoomName room, String participantId) {
                heard.add("left " + participantId);
            }

            @Override
            public void stateChanged(RoomName room, ParticipantView participant) {
                heard.add("state " + participant.id() + " " + participant.state().screenSharing());
            }
        });
        JoinGrant ga = rooms.join("r", "Ada", new RecordingEndpoint());
        JoinGrant gb = rooms.join("r", "Bob", new RecordingEndpoint());
        String a = ga.membership().participantId();
        String b = gb.membership().participantId();

        rooms.updateState(ga.membership(), new StatePatch(null, null, true, null));
        rooms.leave(ga.membership());
        rooms.disconnect(gb.membership());
        clock.advance(Duration.ofSeconds(31));
        rooms.sweep();

        assertThat(heard).containsExactly("state " + a + " true", "left " + a, "left " + b);
    }
}
