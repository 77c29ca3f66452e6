package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {

    private final MutableClock clock = new MutableClock();
    private final RoomRegistry rooms = new RoomRegistry(new RoomsConfig(3, 200, 4096, Duration.ofSeconds(30)), clock);

    @Test
    void firstJoinCreatesRoomAndOthersAreToldOfLaterJoiners() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        JoinGrant ga = rooms.join("Standup", "Ada", a);
        RecordingEndpoint b = new RecordingEndpoint();
        JoinGrant gb = rooms.join("standup", "Bob", b);

        assertThat(ga.membership().room().value()).isEqualTo("standup");
        assertThat(ga.others()).isEmpty();
        assertThat(gb.others()).extracting(ParticipantView::name).containsExactly("Ada");
        assertThat(a.of(RoomEvent.ParticipantJoined.class)).extracting(e -> e.participant().name()).containsExactly("Bob");
        assertThat(b.events).containsExactly(new RoomEvent.Joined(gb));
        assertThat(rooms.roomCount()).isEqualTo(1);
        assertThat(ga.membership().participantId()).hasSize(22).isNotEqualTo(gb.membership().participantId());
    }

    @Test
    void duplicateNamesGetASuffixIgnoringCase() throws Exception {
        rooms.join("r", "Ada", new RecordingEndpoint());
        assertThat(rooms.join("r", "ada", new RecordingEndpoint()).name()).isEqualTo("ada (2)");
        assertThat(rooms.join("r", " Ada ", new RecordingEndpoint()).name()).isEqualTo("Ada (3)");
    }

    @Test
    void fullRoomRefusesJoin() throws Exception {
        for (int i = 0; i < 3; i++) {
            rooms.join("r", "p" + i, new RecordingEndpoint());
        }
        assertThatThrownBy(() -> rooms.join("r", "late", new RecordingEndpoint()))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.ROOM_FULL));
        assertThat(rooms.participantCount()).isEqualTo(3);
    }

    @Test
    void badRoomNamesAndDisplayNamesAreRefused() {
        for (String bad : new String[] {"", "a b", "x".repeat(65), "../etc", "ümlaut", "a/b"}) {
            assertThatThrownBy(() -> rooms.join(bad, "Ada", new RecordingEndpoint()))
                    .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.BAD_ROOM_NAME));
        }
        for (String bad : new String[] {"", "   ", "x".repeat(41), "a\u0000b", "line\nbreak", "\u202E\u200B", null}) {
            assertThatThrownBy(() -> rooms.join("r", bad, new RecordingEndpoint()))
                    .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.BAD_NAME));
        }
        assertThat(rooms.roomCount()).isZero();
    }

    @Test
    void leaveTellsOthersAndLastLeaveDropsTheRoom() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        JoinGrant ga = rooms.join("r", "Ada", a);
        JoinGrant gb = rooms.join("r", "Bob", new RecordingEndpoint());
        rooms.leave(gb.membership());
        assertThat(a.of(RoomEvent.ParticipantLeft.class)).containsExactly(
                new RoomEvent.ParticipantLeft(gb.membership().participantId(), LeaveReason.LEFT));
        rooms.leave(ga.membership());
        assertThat(rooms.roomCount()).isZero();
        rooms.leave(ga.membership()); // stale: ignored
        assertThat(rooms.participantCount()).isZero();
    }

    @Test
    void lostSocketKeepsTheSlotUntilTheGraceRunsOut() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        rooms.join("r", "Ada", a);
        JoinGrant gb = rooms.join("r", "Bob", new RecordingEndpoint());
        rooms.disconnect(gb.membership());
        assertThat(a.of(RoomEvent.ParticipantUpdated.class)).singleElement()
                .satisfies(e -> assertThat(e.participant().connected()).isFalse());

        clock.advance(Duration.ofSeconds(29));
        rooms.sweep();
        assertThat(rooms.roster("r")).hasSize(2);
        assertThat(a.of(RoomEvent.ParticipantLeft.class)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        rooms.sweep();
        assertThat(rooms.roster("r")).extracting(ParticipantView::name).containsExactly("Ada");
        assertThat(a.of(RoomEvent.ParticipantLeft.class)).containsExactly(
                new RoomEvent.ParticipantLeft(gb.membership().participantId(), LeaveReason.TIMEOUT));
        assertThatThrownBy(() -> rooms.resume(gb.resumeToken(), new RecordingEndpoint()))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.RESUME_FAILED));
    }

    @Test
    void lastParticipantTimingOutDropsTheRoom() throws Exception {
        JoinGrant g = rooms.join("r", "Ada", new RecordingEndpoint());
        rooms.disconnect(g.membership());
        clock.advance(Duration.ofSeconds(31));
        rooms.sweep();
        assertThat(rooms.roomCount()).isZero();
    }

    @Test
    void resumeKeepsTheIdAndOthersSeeAnUpdateNotALeave() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        rooms.join("r", "Ada", a);
        JoinGrant gb = rooms.join("r", "Bob", new RecordingEndpoint());
        rooms.disconnect(gb.membership());
        clock.advance(Duration.ofSeconds(10));

        RecordingEndpoint b2 = new RecordingEndpoint();
        JoinGrant resumed = rooms.resume(gb.resumeToken(), b2);
        assertThat(b2.events).containsExactly(new RoomEvent.Joined(resumed));

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.membership().participantId()).isEqualTo(gb.membership().participantId());
        assertThat(resumed.name()).isEqualTo("Bob");
        assertThat(resumed.resumeToken()).isNotEqualTo(gb.resumeToken());
        assertThat(a.of(RoomEvent.ParticipantUpdated.class)).extracting(e -> e.participant().connected()).containsExactly(false, true);
        assertThat(a.of(RoomEvent.ParticipantLeft.class)).isEmpty();
        assertThat(a.of(RoomEvent.ParticipantJoined.class)).hasSize(1);

        clock.advance(Duration.ofSeconds(60));
        rooms.sweep();
        assertThat(rooms.roster("r")).hasSize(2);
        assertThatThrownBy(() -> rooms.resume(gb.resumeToken(), new RecordingEndpoint()))
                .as("tokens are single-use").isInstanceOf(RoomException.class);
    }

    @Test
    void resumeWhileOldSocketStillOpenReplacesIt() throws Exception {
        RecordingEndpoint old = new RecordingEndpoint();
        JoinGrant g = rooms.join("r", "Ada", old);
        RecordingEndpoint fresh = new RecordingEndpoint();
        JoinGrant resumed = rooms.resume(g.resumeToken(), fresh);
        assertThat(old.replaced).isTrue();
        rooms.disconnect(g.membership()); // the old socket's close arrives late: ignored
        assertThat(rooms.roster("r")).singleElement().satisfies(p -> assertThat(p.connected()).isTrue());
        rooms.leave(g.membership()); // stale too
        assertThat(rooms.roster("r")).hasSize(1);
        rooms.leave(resumed.membership());
        assertThat(rooms.roomCount()).isZero();
    }

    @Test
    void signalsGoOnlyToAnotherParticipantOfTheSameRoom() throws Exception {
        JoinGrant ga = rooms.join("r", "Ada", new RecordingEndpoint());
        RecordingEndpoint b = new RecordingEndpoint();
        JoinGrant gb = rooms.join("r", "Bob", b);
        RecordingEndpoint stranger = new RecordingEndpoint();
        JoinGrant gs = rooms.join("other", "Eve", stranger);

        rooms.relay(ga.membership(), gb.membership().participantId(), "offer");
        assertThat(b.of(RoomEvent.SignalRelayed.class)).containsExactly(
                new RoomEvent.SignalRelayed(ga.membership().participantId(), "offer"));

        for (String to : new String[] {gs.membership().participantId(), ga.membership().participantId(), "nope", null}) {
            assertThatThrownBy(() -> rooms.relay(ga.membership(), to, "x"))
                    .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.UNKNOWN_PARTICIPANT));
        }
        assertThat(stranger.events).containsExactly(new RoomEvent.Joined(gs));
    }

    @Test
    void chatIsBroadcastToAllAndKeptUpToTheHistorySize() throws Exception {
        RoomRegistry small = new RoomRegistry(new RoomsConfig(16, 2, 10, Duration.ofSeconds(30)), clock);
        RecordingEndpoint a = new RecordingEndpoint();
        JoinGrant ga = small.join("r", "Ada", a);
        small.chat(ga.membership(), "one");
        small.chat(ga.membership(), "two  ");
        small.chat(ga.membership(), "three");
        assertThat(a.of(RoomEvent.ChatPosted.class)).extracting(e -> e.message().text()).containsExactly("one", "two", "three");
        JoinGrant gb = small.join("r", "Bob", new RecordingEndpoint());
        assertThat(gb.chat()).extracting(ChatMessage::text).containsExactly("two", "three");
        assertThat(gb.chat().get(0).from()).isEqualTo(ga.membership().participantId());
        assertThatThrownBy(() -> small.chat(ga.membership(), "x".repeat(11)))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.TEXT_TOO_LONG));
        assertThatThrownBy(() -> small.chat(ga.membership(), "   "))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.reason()).isEqualTo(RoomException.Reason.BAD_TEXT));
    }

    @Test
    void stateUpdatesMergeAndReachOthers() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        rooms.join("r", "Ada", a);
        JoinGrant gb = rooms.join("r", "Bob", new RecordingEndpoint());
        rooms.updateState(gb.membership(), new StatePatch(true, null, null, null));
        rooms.updateState(gb.membership(), new StatePatch(null, true, null, null));
        assertThat(a.of(RoomEvent.ParticipantUpdated.class)).last()
                .satisfies(e -> assertThat(e.participant().state()).isEqualTo(new ParticipantState(true, true, false, false)));
    }

    @Test
    void initialStateGivenAtJoinIsWhatOthersSeeFirst() throws Exception {
        RecordingEndpoint a = new RecordingEndpoint();
        rooms.join("r", "Ada", a);
        JoinGrant gb = rooms.join("r", "Bob", new StatePatch(true, true, null, null), new RecordingEndpoint());
        assertThat(a.of(RoomEvent.ParticipantJoined.class)).singleElement()
                .satisfies(e -> assertThat(e.participant().state()).isEqualTo(new ParticipantState(true, true, false, false)));
        assertThat(rooms.roster("r")).filteredOn(p -> p.id().equals(gb.membership().participantId()))
                .singleElement().satisfies(p -> assertThat(p.state().audioMuted()).isTrue());
    }

    @Test
    void concurrentJoinsAndLeavesNeverLoseOrDuplicateParticipants() throws Exception {
        RoomRegistry big = new RoomRegistry(new RoomsConfig(1000, 0, 10, Duration.ZERO), clock);
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<JoinGrant> kept = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    String room = "room-" + (i % 5);
                    JoinGrant g = big.join(room, "t" + thread + "-" + i, new RecordingEndpoint());
                    if (i % 2 == 0) {
                        big.leave(g.membership());
                    } else {
                        kept.add(g);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(big.participantCount()).isEqualTo(threads * perThread / 2);
        int rostered = 0;
        for (int r = 0; r < 5; r++) {
            rostered += big.roster("room-" + r).size();
        }
        assertThat(rostered).isEqualTo(kept.size());
        for (JoinGrant g : kept) {
            big.disconnect(g.membership()); // zero grace: removed at once
        }
        assertThat(big.roomCount()).isZero();
    }
}
