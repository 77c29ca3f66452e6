package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalingSessionTest extends SessionFixture {

    // ---- join ----

    @Test
    void joinAnswersJoinedWithOthersChatHistoryIceServersAndLimits() {
        Client ada = joined("Daily-Standup", "Ada");
        ada.send("{\"type\":\"state\",\"audioMuted\":true}");
        ada.send("{\"type\":\"chat\",\"text\":\"hi all\"}");
        clock.advance(Duration.ofSeconds(5));

        Client bob = new Client();
        JsonNode joined = bob.join("daily-standup", "ada");

        assertThat(joined.get("type").asText()).isEqualTo("joined");
        assertThat(joined.get("id").asText()).hasSize(22).isNotEqualTo(ada.id());
        assertThat(joined.get("room").asText()).isEqualTo("daily-standup");
        assertThat(joined.get("name").asText()).isEqualTo("ada (2)");
        assertThat(joined.get("resumeToken").asText()).isNotBlank();
        assertThat(joined.get("resumed").booleanValue()).isFalse();
        assertThat(joined.get("participants")).hasSize(1);
        JsonNode other = joined.get("participants").get(0);
        assertThat(other.get("id").asText()).isEqualTo(ada.id());
        assertThat(other.get("name").asText()).isEqualTo("Ada");
        assertThat(other.get("connected").booleanValue()).isTrue();
        assertThat(other.get("state").get("audioMuted").booleanValue()).isTrue();
        assertThat(joined.get("chat")).hasSize(1);
        assertThat(joined.get("chat").get(0).get("text").asText()).isEqualTo("hi all");
        assertThat(joined.get("chat").get(0).get("from").asText()).isEqualTo(ada.id());
        assertThat(joined.get("chat").get(0).get("ts").longValue())
                .isEqualTo(clock.millis() - Duration.ofSeconds(5).toMillis());
        JsonNode ice = joined.get("iceServers");
        assertThat(ice).hasSize(2);
        assertThat(ice.get(0).get("urls").get(0).asText()).isEqualTo("stun:stun.example.org:3478");
        assertThat(ice.get(1).get("username").asText()).isEqualTo("user-" + joined.get("id").asText());
        assertThat(ice.get(1).get("credential").asText()).isEqualTo("secret");
        assertThat(joined.get("topology").asText()).isEqualTo("p2p");
        assertThat(joined.get("limits").get("chatTextMax").intValue()).isEqualTo(4096);
        assertThat(joined.get("limits").get("roomCapacity").intValue()).isEqualTo(CAPACITY);
    }

    @Test
    void firstJoinerSeesAnEmptyRoom() {
        JsonNode joined = new Client().join("r", "Ada");
        assertThat(joined.get("participants")).isEmpty();
        assertThat(joined.get("chat")).isEmpty();
    }

    @Test
    void othersReceiveParticipantJoined() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");

        List<JsonNode> events = ada.frames("participant-joined");
        assertThat(events).hasSize(1);
        JsonNode p = events.get(0).get("participant");
        assertThat(p.get("id").asText()).isEqualTo(bob.id());
        assertThat(p.get("name").asText()).isEqualTo("Bob");
        assertThat(p.get("connected").booleanValue()).isTrue();
        assertThat(p.get("state").get("videoMuted").booleanValue()).isFalse();
        assertThat(bob.frames("participant-joined")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"leave\",\"ref\":\"r1\"}",
        "{\"type\":\"signal\",\"to\":\"someone\",\"payload\":{},\"ref\":\"r1\"}",
        "{\"type\":\"state\",\"audioMuted\":true,\"ref\":\"r1\"}",
        "{\"type\":\"chat\",\"text\":\"hi\",\"ref\":\"r1\"}"})
    void roomMessageBeforeJoinIsRefusedWithNotJoinedAndSessionStaysUsable(String frame) {
        Client ada = new Client().send(frame);

        assertError(ada.last(), "not-joined");
        assertThat(ada.last().get("ref").asText()).isEqualTo("r1");
        assertThat(ada.transport.closes()).isEmpty();
        assertThat(ada.join("r", "Ada").get("type").asText()).isEqualTo("joined");
    }

    @Test
    void secondJoinIsRefusedWithAlreadyJoined() {
        Client ada = joined("r", "Ada");
        ada.send("{\"type\":\"join\",\"room\":\"other\",\"name\":\"Ada\",\"version\":1,\"ref\":\"j2\"}");

        assertError(ada.last(), "already-joined");
        assertThat(ada.last().get("ref").asText()).isEqualTo("j2");
        assertThat(rooms.roster("r")).hasSize(1);
        assertThat(rooms.roster("other")).isEmpty();
    }

    @Test
    void resumeWhileJoinedIsRefusedWithAlreadyJoined() {
        Client ada = joined("r", "Ada");
        ada.send("{\"type\":\"resume\",\"token\":\"" + ada.token() + "\"}");

        assertError(ada.last(), "already-joined");
        assertThat(rooms.participantCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, -1, 100})
    void joinWithAnotherVersionIsRefusedWithUnsupportedVersion(int version) {
        Client ada = new Client().send(
                "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":" + version + ",\"ref\":\"v\"}");

        assertError(ada.last(), "unsupported-version");
        assertThat(ada.last().get("ref").asText()).isEqualTo("v");
        assertThat(rooms.roomCount()).isZero();
    }

    @Test
    void joinToAFullRoomIsRefusedWithRoomFull() {
        Client first = joined("r", "p0");
        for (int i = 1; i < CAPACITY; i++) {
            joined("r", "p" + i);
        }
        first.transport.clear();

        Client late = new Client();
        late.join("r", "late");

        assertError(late.last(), "room-full");
        assertThat(late.last().get("message").asText()).contains(String.valueOf(CAPACITY));
        assertThat(rooms.participantCount()).isEqualTo(CAPACITY);
        assertThat(first.types()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "../etc", "ümlaut", "a/b",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void badRoomNameIsRefused(String room) throws Exception {
        Client ada = new Client().send(JSON.writeValueAsString(
                JSON.createObjectNode().put("type", "join").put("room", room).put("name", "Ada").put("version", 1)));

        assertError(ada.last(), "bad-room-name");
        assertThat(rooms.roomCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a\u0000b", "line\nbreak", "\u202E\u200B",
        "12345678901234567890123456789012345678901"})
    void badDisplayNameIsRefused(String name) throws Exception {
        Client ada = new Client().send(JSON.writeValueAsString(
                JSON.createObjectNode().put("type", "join").put("room", "r").put("name", name).put("version", 1)));

        assertError(ada.last(), "bad-name");
        assertThat(rooms.participantCount()).isZero();
    }

    // ---- signal ----

    @Test
    void signalIsRelayedToThePeerWithFrom() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        Client carol = joined("r", "Carol");
        ada.transport.clear();
        carol.transport.clear();

        ada.send("{\"type\":\"signal\",\"to\":\"" + bob.id()
                + "\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},\"n\":[1,null]}}");

        List<JsonNode> signals = bob.frames("signal");
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).get("from").asText()).isEqualTo(ada.id());
        assertThat(signals.get(0).get("payload"))
                .isEqualTo(readJson("{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},\"n\":[1,null]}"));
        assertThat(ada.types()).isEmpty();
        assertThat(carol.types()).isEmpty();
    }

    @Test
    void signalToSelfIsRefused() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        bob.transport.clear();

        ada.send("{\"type\":\"signal\",\"to\":\"" + ada.id() + "\",\"payload\":{},\"ref\":\"s\"}");

        assertError(ada.last(), "unknown-participant");
        assertThat(ada.last().get("ref").asText()).isEqualTo("s");
        assertThat(ada.frames("signal")).isEmpty();
        assertThat(bob.types()).isEmpty();
    }

    @Test
    void signalToUnknownIdIsRefused() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        bob.transport.clear();

        ada.send("{\"type\":\"signal\",\"to\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"payload\":{}}");

        assertError(ada.last(), "unknown-participant");
        assertThat(ada.frames("signal")).isEmpty();
        assertThat(bob.types()).isEmpty();
    }

    @Test
    void signalToParticipantOfAnotherRoomIsRefused() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        Client eve = joined("other", "Eve");
        bob.transport.clear();
        eve.transport.clear();

        ada.send("{\"type\":\"signal\",\"to\":\"" + eve.id() + "\",\"payload\":{\"x\":1}}");
        eve.send("{\"type\":\"signal\",\"to\":\"" + ada.id() + "\",\"payload\":{\"x\":1}}");

        assertError(ada.last(), "unknown-participant");
        assertError(eve.last(), "unknown-participant");
        assertThat(ada.frames("signal")).isEmpty();
        assertThat(eve.frames("signal")).isEmpty();
        assertThat(bob.types()).isEmpty();
    }

    @Test
    void signalToAParticipantWithinItsResumeGraceIsDroppedSilently() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        String bobToken = bob.token();
        bob.session.onClose();
        ada.transport.clear();

        ada.send("{\"type\":\"signal\",\"to\":\"" + bob.id() + "\",\"payload\":{}}");
        assertThat(ada.types()).isEmpty();

        Client bobAgain = new Client().send("{\"type\":\"resume\",\"token\":\"" + bobToken + "\"}");
        assertThat(bobAgain.types()).containsExactly("joined");
    }

    // ---- state, chat, ping ----

    @Test
    void stateIsSentToOthersAsParticipantUpdated() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        ada.transport.clear();

        ada.send("{\"type\":\"state\",\"audioMuted\":true,\"handRaised\":true}");
        ada.send("{\"type\":\"state\",\"videoMuted\":true}");

        List<JsonNode> updates = bob.frames("participant-updated");
        assertThat(updates).hasSize(2);
        JsonNode p = updates.get(1).get("participant");
        assertThat(p.get("id").asText()).isEqualTo(ada.id());
        assertThat(p.get("connected").booleanValue()).isTrue();
        JsonNode state = p.get("state");
        assertThat(state.get("audioMuted").booleanValue()).isTrue(); // kept from the first update
        assertThat(state.get("handRaised").booleanValue()).isTrue();
        assertThat(state.get("videoMuted").booleanValue()).isTrue();
        assertThat(state.get("screenSharing").booleanValue()).isFalse();
        assertThat(ada.types()).isEmpty();
    }

    @Test
    void chatIsSentToEveryoneIncludingTheSender() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        Client eve = joined("other", "Eve");

        ada.send("{\"type\":\"chat\",\"text\":\"hello <b>world</b>  \\n\"}");

        for (Client c : List.of(ada, bob)) {
            List<JsonNode> chats = c.frames("chat");
            assertThat(chats).hasSize(1);
            JsonNode m = chats.get(0).get("message");
            assertThat(m.get("text").asText()).isEqualTo("hello <b>world</b>");
            assertThat(m.get("from").asText()).isEqualTo(ada.id());
            assertThat(m.get("name").asText()).isEqualTo("Ada");
            assertThat(m.get("id").asText()).isNotBlank();
            assertThat(m.get("ts").longValue()).isEqualTo(clock.millis());
        }
        assertThat(eve.frames("chat")).isEmpty();
    }

    @Test
    void chatOf4096CharactersIsAccepted() {
        Client ada = joined("r", "Ada");
        ada.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(4096) + "\"}");
        assertThat(ada.last().get("type").asText()).isEqualTo("chat");
        assertThat(ada.last().get("message").get("text").asText()).hasSize(4096);
    }

    @Test
    void chatOver4096CharactersIsRefusedWithTextTooLong() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        bob.transport.clear();

        ada.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(4097) + "\",\"ref\":\"c\"}");

        assertError(ada.last(), "text-too-long");
        assertThat(ada.last().get("ref").asText()).isEqualTo("c");
        assertThat(bob.types()).isEmpty();
        assertThat(new Client().join("r", "Carol").get("chat")).isEmpty();
    }

    @Test
    void blankChatIsRefusedWithBadMessage() {
        Client ada = joined("r", "Ada");
        ada.send("{\"type\":\"chat\",\"text\":\"  \\n \"}");
        assertError(ada.last(), "bad-message");
        assertThat(ada.frames("chat")).isEmpty();
    }

    @Test
    void pingIsAnsweredWithTheClocksMillisInAnyState() {
        Client ada = new Client().send("{\"type\":\"ping\"}");
        assertThat(ada.last().get("type").asText()).isEqualTo("pong");
        assertThat(ada.last().get("ts").longValue()).isEqualTo(clock.millis());

        ada.join("r", "Ada");
        clock.advance(Duration.ofMillis(1234));
        ada.send("{\"type\":\"ping\"}");
        assertThat(ada.last().get("type").asText()).isEqualTo("pong");
        assertThat(ada.last().get("ts").longValue()).isEqualTo(clock.millis());
    }

    // ---- leave, close, resume ----

    @Test
    void leaveTellsOthersParticipantLeftAndTheSessionCanJoinAgain() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        String firstId = ada.id();

        ada.send("{\"type\":\"leave\"}");

        List<JsonNode> left = bob.frames("participant-left");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("id").asText()).isEqualTo(firstId);
        assertThat(left.get(0).get("reason").asText()).isEqualTo("left");
        ada.send("{\"type\":\"chat\",\"text\":\"still there?\"}");
        assertError(ada.last(), "not-joined");

        JsonNode again = ada.join("r", "Ada");
        assertThat(again.get("type").asText()).isEqualTo("joined");
        assertThat(again.get("id").asText()).isNotEqualTo(firstId);
        assertThat(bob.frames("participant-joined")).extracting(f -> f.get("participant").get("id").asText())
                .containsExactly(again.get("id").asText());
    }

    @Test
    void closedSocketShowsAsDisconnectedThenLeavesWithTimeoutAfterTheGrace() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        ada.transport.clear();

        bob.session.onClose();

        List<JsonNode> updates = ada.frames("participant-updated");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).get("participant").get("id").asText()).isEqualTo(bob.id());
        assertThat(updates.get(0).get("participant").get("connected").booleanValue()).isFalse();

        clock.advance(GRACE.minusSeconds(1));
        rooms.sweep();
        assertThat(ada.frames("participant-left")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        rooms.sweep();
        List<JsonNode> left = ada.frames("participant-left");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("id").asText()).isEqualTo(bob.id());
        assertThat(left.get(0).get("reason").asText()).isEqualTo("timeout");
    }

    @Test
    void framesAfterCloseAreIgnored() {
        Client ada = joined("r", "Ada");
        ada.session.onClose();
        ada.transport.clear();

        ada.send("{\"type\":\"ping\"}");
        ada.session.onClose();

        assertThat(ada.transport.events).isEmpty();
    }

    @Test
    void resumeOnANewSessionKeepsTheIdAndOthersNeverSeeLeft() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        ada.send("{\"type\":\"chat\",\"text\":\"before\"}");
        String token = bob.token();
        bob.session.onClose();
        clock.advance(GRACE.minusSeconds(1));
        rooms.sweep();

        Client bob2 = new Client().send("{\"type\":\"resume\",\"token\":\"" + token + "\"}");

        JsonNode joined = bob2.last();
        assertThat(joined.get("type").asText()).isEqualTo("joined");
        assertThat(joined.get("resumed").booleanValue()).isTrue();
        assertThat(joined.get("id").asText()).isEqualTo(bob.id());
        assertThat(joined.get("name").asText()).isEqualTo("Bob");
        assertThat(joined.get("resumeToken").asText()).isNotBlank().isNotEqualTo(token);
        assertThat(joined.get("participants")).extracting(p -> p.get("id").asText()).containsExactly(ada.id());
        assertThat(joined.get("chat")).extracting(m -> m.get("text").asText()).containsExactly("before");
        assertThat(joined.get("iceServers").get(1).get("username").asText()).isEqualTo("user-" + bob.id());
        assertThat(ada.frames("participant-updated")).extracting(f -> f.get("participant").get("connected").booleanValue())
                .containsExactly(false, true);

        clock.advance(GRACE.multipliedBy(2));
        rooms.sweep();
        assertThat(ada.frames("participant-left")).isEmpty();
        assertThat(ada.frames("participant-joined")).hasSize(1); // Bob's first join only
        bob2.send("{\"type\":\"chat\",\"text\":\"back\"}");
        assertThat(ada.last().get("message").get("from").asText()).isEqualTo(bob.id());
    }

    @Test
    void resumeWhileTheOldSocketIsStillOpenClosesItWith4001() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        ada.transport.clear();

        Client bob2 = new Client().send("{\"type\":\"resume\",\"token\":\"" + bob.token() + "\"}");

        assertThat(bob2.last().get("id").asText()).isEqualTo(bob.id());
        assertThat(bob.transport.closes()).extracting(RecordingTransport.Close::code).containsExactly(CloseCodes.REPLACED);
        assertThat(bob2.transport.closes()).isEmpty();
        // the adapter reports the old socket's close afterwards; it must not disconnect the resumed participant
        bob.session.onClose();
        assertThat(ada.types()).isEmpty();
        assertThat(rooms.roster("r")).allSatisfy(p -> assertThat(p.connected()).isTrue());
    }

    @Test
    void resumeTokenIsSingleUse() {
        Client bob = joined("r", "Bob");
        String token = bob.token();
        bob.session.onClose();
        new Client().send("{\"type\":\"resume\",\"token\":\"" + token + "\"}");

        Client third = new Client().send("{\"type\":\"resume\",\"token\":\"" + token + "\",\"ref\":\"again\"}");

        assertError(third.last(), "resume-failed");
        assertThat(third.last().get("ref").asText()).isEqualTo("again");
    }

    @Test
    void resumeWithAnUnknownTokenFailsAndTheSessionCanStillJoin() {
        Client ada = new Client().send("{\"type\":\"resume\",\"token\":\"no-such-token\"}");

        assertError(ada.last(), "resume-failed");
        assertThat(ada.join("r", "Ada").get("type").asText()).isEqualTo("joined");
    }

    @Test
    void resumeAfterTheGraceFails() {
        Client ada = joined("r", "Ada");
        Client bob = joined("r", "Bob");
        String token = bob.token();
        bob.session.onClose();
        clock.advance(GRACE);
        rooms.sweep();

        Client late = new Client().send("{\"type\":\"resume\",\"token\":\"" + token + "\"}");

        assertError(late.last(), "resume-failed");
        assertThat(ada.frames("participant-left")).hasSize(1);
    }

    // ---- rate limit ----

    @Test
    void burstPassesThenOneRateLimitedErrorThenCloseWith1008() {
        Client ada = new Client();
        for (int i = 0; i < config.rateBurst(); i++) {
            ada.send("{\"type\":\"ping\"}");
        }
        assertThat(ada.types()).hasSize(config.rateBurst()).containsOnly("pong");
        ada.transport.clear();

        ada.send("{\"type\":\"ping\"}");
        assertThat(ada.transport.events).hasSize(1);
        assertError(ada.last(), "rate-limited");

        for (int dropped = 2; dropped < config.rateLimitCloseAfter(); dropped++) {
            ada.send("{\"type\":\"ping\"}");
        }
        assertThat(ada.transport.events).hasSize(1); // still just the one error, no close yet

        ada.send("{\"type\":\"ping\"}"); // drop number rateLimitCloseAfter
        assertThat(ada.transport.closes()).extracting(RecordingTransport.Close::code)
                .containsExactly(CloseCodes.POLICY_VIOLATION);
        assertThat(ada.transport.frames()).hasSize(1);
    }

    @Test
    void rateLimitedSessionWorksAgainAfterTimePasses() {
        Client ada = joined("r", "Ada");
        for (int i = 0; i < config.rateBurst() + 10; i++) {
            ada.send("{\"type\":\"ping\"}");
        }
        assertThat(ada.frames("error")).hasSize(1);
        ada.transport.clear();

        nanos += SECOND; // 50 tokens refill at 50/s
        ada.send("{\"type\":\"chat\",\"text\":\"hi\"}");
        assertThat(ada.types()).containsExactly("chat");

        // recovered: a new overload gets a new rate-limited error
        for (int i = 0; i < 60; i++) {
            ada.send("{\"type\":\"ping\"}");
        }
        assertThat(ada.frames("error")).hasSize(1);
        assertError(ada.frames("error").get(0), "rate-limited");
        assertThat(ada.frames("pong")).hasSize(49);
        assertThat(ada.transport.closes()).isEmpty();
    }

    @Test
    void invalidFramesCountAgainstTheRateLimit() {
        Client ada = new Client();
        for (int i = 0; i < config.rateBurst(); i++) {
            ada.send("garbage");
        }
        assertThat(ada.frames("error")).allSatisfy(f -> assertError(f, "bad-json")).hasSize(config.rateBurst());

        ada.send("{\"type\":\"ping\"}");
        assertError(ada.last(), "rate-limited");
    }

    // ---- liveness and shutdown ----

    @Test
    void silentSocketIsClosedWith4000OnlyAfterTheLivenessTimeout() {
        long start = nanos;
        Client ada = joined("r", "Ada");
        long timeout = config.livenessTimeout().toNanos();

        assertThat(ada.session.closeIfSilent(start + timeout)).isFalse();
        assertThat(ada.transport.closes()).isEmpty();

        assertThat(ada.session.closeIfSilent(start + timeout + 1)).isTrue();
        assertThat(ada.transport.closes()).extracting(RecordingTransport.Close::code)
                .containsExactly(CloseCodes.LIVENESS_TIMEOUT);
    }

    @Test
    void anyMessageResetsTheLivenessTimer() {
        Client ada = joined("live", "Ada");
        long timeout = config.livenessTimeout().toNanos();

        nanos += timeout - SECOND;
        ada.send("not even JSON");
        assertThat(ada.session.closeIfSilent(nanos + timeout)).isFalse();
        assertThat(ada.session.closeIfSilent(nanos + timeout + 1)).isTrue();
    }

    @Test
    void trackerClosesOnlySilentSessions() {
        SessionTracker tracker = new SessionTracker();
        Client quiet = joined("live", "Quiet");
        nanos += 10 * SECOND;
        Client chatty = joined("live", "Chatty");
        tracker.add(quiet.session);
        tracker.add(chatty.session);

        int closed = tracker.closeSilent(nanos + 6 * SECOND);

        assertThat(closed).isEqualTo(1);
        assertThat(quiet.transport.closes()).extracting(RecordingTransport.Close::code)
                .containsExactly(CloseCodes.LIVENESS_TIMEOUT);
        assertThat(chatty.transport.closes()).isEmpty();
    }

    @Test
    void shutdownSendsServerShutdownThenClosesWith1001() {
        Client ada = joined("r", "Ada");
        ada.transport.clear();

        ada.session.shutdown("Parley is shutting down");

        assertThat(ada.transport.events).hasSize(2);
        RecordingTransport.Frame frame = (RecordingTransport.Frame) ada.transport.events.get(0);
        assertThat(frame.json().get("type").asText()).isEqualTo("server-shutdown");
        assertThat(frame.json().get("message").asText()).isEqualTo("Parley is shutting down");
        assertThat(ada.transport.events.get(1)).isInstanceOfSatisfying(RecordingTransport.Close.class,
                c -> assertThat(c.code()).isEqualTo(CloseCodes.GOING_AWAY));
    }

    @Test
    void trackerShutsDownEverySession() {
        SessionTracker tracker = new SessionTracker();
        Client ada = new Client();
        Client bob = new Client();
        tracker.add(ada.session);
        tracker.add(bob.session);

        tracker.shutdownAll("bye");

        for (Client c : List.of(ada, bob)) {
            assertThat(c.types()).containsExactly("server-shutdown");
            assertThat(c.transport.closes()).extracting(RecordingTransport.Close::code)
                    .containsExactly(CloseCodes.GOING_AWAY);
        }
    }

    // ---- errors ----

    @Test
    void malformedFramesGetTheirErrorAndTheSessionStaysUsable() {
        Client ada = new Client();

        ada.send("{oops");
        assertError(ada.last(), "bad-json");
        ada.send("{\"type\":\"dance\",\"ref\":\"d\"}");
        assertError(ada.last(), "unknown-type");
        assertThat(ada.last().get("ref").asText()).isEqualTo("d");
        ada.send("{\"type\":\"join\",\"room\":\"r\"}");
        assertError(ada.last(), "bad-message");

        assertThat(ada.join("r", "Ada").get("type").asText()).isEqualTo("joined");
        assertThat(ada.transport.closes()).isEmpty();
    }

    @Test
    void transportThatThrowsOnceYieldsAnInternalErrorAndTheSessionStaysUsable() {
        Client ada = new Client();
        ada.transport.failSends = 1;

        ada.send("{\"type\":\"ping\"}");

        assertThat(ada.types()).containsExactly("error");
        assertError(ada.last(), "internal");
        ada.send("{\"type\":\"ping\"}");
        assertThat(ada.last().get("type").asText()).isEqualTo("pong");
    }

    @Test
    void iceServerProviderThatThrowsOnceYieldsAnInternalErrorAndAJoinLaterWorks() {
        Client bob = joined("r", "Bob");
        bob.transport.clear();
        failingIceLookups.set(1);

        Client ada = new Client();
        ada.join("r", "Ada");

        assertThat(ada.types()).containsExactly("error");
        assertError(ada.last(), "internal");
        assertThat(ada.last().get("message").asText()).doesNotContain("credential service");
        assertThat(rooms.roster("r")).hasSize(1);
        assertThat(bob.types()).isEmpty();

        assertThat(ada.join("r", "Ada").get("type").asText()).isEqualTo("joined");
        assertThat(bob.frames("participant-joined")).hasSize(1);
    }

    @Test
    void protocolErrorsAreReportedToTheObserver() {
        Client ada = new Client();
        ada.send("nope");
        ada.send("{\"type\":\"chat\",\"text\":\"x\"}");

        assertThat(observedErrors).containsExactly("bad-json", "not-joined");
    }

    @Test
    void iceServersCanBeAskedForBeforeJoining() throws Exception {
        Client probe = new Client().send("{\"type\":\"get-ice-servers\",\"ref\":\"probe\"}");
        JsonNode reply = probe.transport.last();
        assertThat(reply.get("type").asText()).isEqualTo("ice-servers");
        assertThat(reply.get("ref").asText()).isEqualTo("probe");
        assertThat(reply.at("/iceServers/0/username").asText())
                .as("probe credentials, not a participant's").startsWith("short-lived-" + SignalingSession.PROBE_PREFIX);
        assertThat(rooms.roomCount()).isZero();
    }
}
