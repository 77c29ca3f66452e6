package dev.parley.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one client may cost the others: chat paging instead of big frames, per-type budgets, per-address limits. */
class SignalingLimitsTest extends SessionFixture {

    @Test
    void aLateJoinersJoinedStaysSmallWhateverTheHistoryAndOlderMessagesArePagedIn() {
        Client ada = joined("busy", "Ada");
        for (int i = 0; i < 200; i++) {
            if (i % 5 == 0) {
                nanos += SECOND; // within the chat budget
            }
            String text = String.format("%03d ", i) + "x".repeat(4092); // 4,096 characters, the most a message has
            ada.send("{\"type\":\"chat\",\"text\":\"" + text + "\"}");
        }
        assertThat(ada.frames("chat")).hasSize(200);

        Client bob = joined("busy", "Bob");
        JsonNode joinedFrame = bob.frames("joined").getFirst();
        int joinedBytes = joinedFrame.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(joinedBytes).as("joined frame bytes").isLessThan(64 * 1024);
        assertThat(joinedFrame.get("chatMore").booleanValue()).isTrue();

        java.util.List<String> seen = new java.util.ArrayList<>();
        joinedFrame.get("chat").forEach(m -> seen.add(m.get("text").asText().substring(0, 3)));
        String oldest = joinedFrame.get("chat").get(0).get("id").asText();
        boolean more = true;
        int pages = 0;
        while (more) {
            nanos += SECOND;
            bob.send("{\"type\":\"chat-history\",\"before\":\"" + oldest + "\",\"ref\":\"p" + pages + "\"}");
            JsonNode page = bob.last();
            assertThat(page.get("type").asText()).isEqualTo("chat-history");
            assertThat(page.get("ref").asText()).isEqualTo("p" + pages);
            assertThat(page.toString().length()).isLessThan(64 * 1024);
            java.util.List<String> earlier = new java.util.ArrayList<>();
            page.get("messages").forEach(m -> earlier.add(m.get("text").asText().substring(0, 3)));
            assertThat(earlier).isNotEmpty();
            seen.addAll(0, earlier);
            oldest = page.get("messages").get(0).get("id").asText();
            more = page.get("more").booleanValue();
            pages++;
        }
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(String.format("%03d", i));
        }
        assertThat(seen).as("every message once, in order").isEqualTo(expected);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void aClientWithinTheOverallLimitStillCannotFloodTheRoomWithChat() {
        Client ada = joined("budget", "Ada");
        Client bob = joined("budget", "Bob");
        for (int i = 0; i < 40; i++) { // 40 at once: within the overall burst of 100
            ada.send("{\"type\":\"chat\",\"text\":\"m" + i + "\",\"ref\":\"c" + i + "\"}");
        }

        assertThat(bob.frames("chat")).as("the chat burst reaches the room").hasSize(20);
        List<JsonNode> errors = ada.frames("error");
        assertThat(errors).hasSize(20).allSatisfy(e -> assertThat(e.get("code").asText()).isEqualTo("rate-limited"));
        assertThat(errors.getFirst().get("ref").asText()).isEqualTo("c20");
        assertThat(ada.transport.closes()).isEmpty();
        ada.send("{\"type\":\"ping\"}");
        assertThat(ada.last().get("type").asText()).as("other types are not affected").isEqualTo("pong");

        nanos += SECOND;
        ada.send("{\"type\":\"chat\",\"text\":\"later\"}");
        assertThat(bob.frames("chat")).hasSize(21);
    }

    @Test
    void screenSharingThatFlipsFasterThanAPersonWouldIsRefusedButOtherStateIsNot() {
        Client ada = joined("flip", "Ada");
        Client bob = joined("flip", "Bob");
        for (int i = 0; i < 6; i++) {
            ada.send("{\"type\":\"state\",\"screenSharing\":" + (i % 2 == 0) + ",\"ref\":\"s" + i + "\"}");
        }
        ada.send("{\"type\":\"state\",\"audioMuted\":true,\"ref\":\"mute\"}");

        // s0-s2 change it three times (the burst); s3 and s5 would change it again; s4 repeats the state it has.
        List<String> refused = ada.frames("error").stream().map(e -> e.get("ref").asText()).toList();
        assertThat(refused).containsExactly("s3", "s5");
        assertThat(ada.frames("error")).allSatisfy(e -> assertThat(e.get("code").asText()).isEqualTo("rate-limited"));
        List<Boolean> sharingSeen = bob.frames("participant-updated").stream()
                .map(u -> u.at("/participant/state/screenSharing").booleanValue()).toList();
        assertThat(sharingSeen).containsExactly(true, false, true, true, true);
        assertThat(bob.frames("participant-updated").getLast().at("/participant/state/audioMuted").booleanValue())
                .as("the mute got through").isTrue();

        nanos += 2 * SECOND;
        ada.send("{\"type\":\"state\",\"screenSharing\":false}");
        assertThat(bob.frames("participant-updated").getLast().at("/participant/state/screenSharing").booleanValue())
                .as("a change at a person's pace").isFalse();
    }

    @Test
    void sfuConnectIsAllowedAtAHumanPaceOnly() {
        Client ada = joined("budget-sfu", "Ada");
        for (int i = 0; i < 5; i++) {
            ada.send("{\"type\":\"sfu-connect\",\"ref\":\"s" + i + "\"}");
        }
        List<String> codes = ada.frames("error").stream().map(e -> e.get("code").asText() + "/" + e.get("ref").asText())
                .toList();
        // This room is peer to peer, so the first three are refused as such; the rest never reach the room.
        assertThat(codes).containsExactly("sfu-unavailable/s0", "sfu-unavailable/s1", "sfu-unavailable/s2",
                "rate-limited/s3", "rate-limited/s4");
    }

    @Test
    void aSocketThatNeverJoinsIsClosedAfterTheJoinTimeout() {
        Client idle = new Client();
        Client member = joined("timeouts", "Ada");
        nanos += SignalingConfig.JOIN_TIMEOUT.toNanos() - SECOND;
        member.send("{\"type\":\"ping\"}");
        assertThat(idle.session.closeIfSilent(nanos)).isFalse();
        nanos += 2 * SECOND;
        member.send("{\"type\":\"ping\"}");

        assertThat(idle.session.closeIfSilent(nanos)).isTrue();
        assertThat(idle.transport.closes()).extracting(RecordingTransport.Close::code)
                .containsExactly(CloseCodes.JOIN_TIMEOUT);
        assertThat(member.session.closeIfSilent(nanos)).as("a joined socket has no join timeout").isFalse();
    }

    @Test
    void joinsAndNewRoomsFromOneAddressAreLimitedPerMinute() throws Exception {
        Admission admission = new Admission(new Admission.Limits(100, 10, 4, 2, false));
        java.net.InetAddress host = java.net.InetAddress.getByName("1.2.3.4");
        java.util.function.Supplier<RecordingTransport> join = () -> {
            RecordingTransport t = new RecordingTransport();
            return t;
        };
        List<String> outcomes = new java.util.ArrayList<>();
        for (String room : new String[] {"r1", "r2", "r3", "r1", "r1"}) {
            RecordingTransport t = join.get();
            SignalingSession s = new SignalingSession(rooms, t, codec, config, iceServers, SfuGateway.NONE, observer,
                    clock, () -> nanos, admission, host);
            s.onText("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"P\",\"version\":1}");
            JsonNode last = t.frames().getLast();
            outcomes.add(room + ":" + (last.get("type").asText().equals("joined") ? "joined" : last.get("code").asText()));
        }
        assertThat(outcomes).containsExactly("r1:joined", "r2:joined", "r3:too-many-rooms", "r1:joined",
                "r1:too-many-joins");
    }

    @Test
    void chatHistoryBeforeJoiningIsRefused() {
        Client probe = new Client().send("{\"type\":\"chat-history\",\"ref\":\"h\"}");
        assertError(probe.last(), "not-joined");
    }
}
