package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.rooms.ParticipantView;
import dev.parley.rooms.RoomsConfig;
import dev.parley.signaling.SignalingConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on free ports, driven by real WebSocket clients. */
class SignalingIT {

    @TempDir
    Path dataDir;
    private ParleyServer server;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // A short resume grace so expiry tests finish in seconds; the rules are the same.
        server = ParleyServer.start(ServerConfig.forTests(dataDir)
                .withRooms(new RoomsConfig(16, 200, 4096, Duration.ofSeconds(2))));
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        server.close();
    }

    private TestClient join(String room, String name) {
        TestClient client = TestClient.joined(server, room, name);
        clients.add(client);
        return client;
    }

    private TestClient connect() {
        TestClient client = TestClient.connect(server);
        clients.add(client);
        return client;
    }

    @Test
    void twoClientsJoinAndRelayAnOfferAndAnAnswer() {
        TestClient ada = join("standup", "Ada");
        TestClient bob = join("standup", "Bob");

        assertThat(bob.joined.get("participants")).singleElement()
                .satisfies(p -> assertThat(p.get("name").asText()).isEqualTo("Ada"));
        JsonNode joinedAtAda = ada.next("participant-joined");
        assertThat(joinedAtAda.at("/participant/id").asText()).isEqualTo(bob.id());

        ada.send(Map.of("type", "signal", "to", bob.id(), "payload", Map.of("sdp", Map.of("type", "offer", "sdp", "v=0"))));
        JsonNode offer = bob.next("signal");
        assertThat(offer.get("from").asText()).isEqualTo(ada.id());
        assertThat(offer.at("/payload/sdp/type").asText()).isEqualTo("offer");

        bob.send(Map.of("type", "signal", "to", ada.id(), "payload", Map.of("sdp", Map.of("type", "answer", "sdp", "v=0"))));
        JsonNode answer = ada.next("signal");
        assertThat(answer.get("from").asText()).isEqualTo(bob.id());
        assertThat(answer.at("/payload/sdp/type").asText()).isEqualTo("answer");
    }

    @Test
    void chatReachesEveryoneAndLateJoinersGetTheHistory() {
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        ada.send(Map.of("type", "chat", "text", "<img src=x onerror=alert(1)>"));
        assertThat(bob.next("chat").at("/message/text").asText()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(ada.next("chat").at("/message/from").asText()).isEqualTo(ada.id());
        TestClient cy = join("r", "Cy");
        assertThat(cy.joined.get("chat")).singleElement()
                .satisfies(m -> assertThat(m.get("name").asText()).isEqualTo("Ada"));
    }

    @Test
    void leaveIsSeenByOthersAndTheSocketCanJoinAgain() {
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        bob.send("{\"type\":\"leave\"}");
        JsonNode left = ada.next("participant-left");
        assertThat(left.get("id").asText()).isEqualTo(bob.id());
        assertThat(left.get("reason").asText()).isEqualTo("left");
        bob.send("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Bob\",\"version\":1}");
        assertThat(bob.next("joined").get("id").asText()).isNotEqualTo(bob.id());
    }

    @Test
    void killedSocketIsRemovedAfterTheResumeGrace() {
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        bob.kill();
        JsonNode lost = ada.next("participant-updated");
        assertThat(lost.at("/participant/connected").asBoolean()).isFalse();
        JsonNode left = ada.next("participant-left");
        assertThat(left.get("id").asText()).isEqualTo(bob.id());
        assertThat(left.get("reason").asText()).isEqualTo("timeout");
        assertThat(server.rooms().roster("r")).extracting(ParticipantView::name).containsExactly("Ada");
    }

    @Test
    void silentSocketIsClosedByTheLivenessCheckAndThenRemoved() throws Exception {
        server.close();
        server = ParleyServer.start(ServerConfig.forTests(dataDir)
                .withRooms(new RoomsConfig(16, 200, 4096, Duration.ofSeconds(2)))
                .withSignaling(new SignalingConfig(50, 100, 100, Duration.ofSeconds(2))));
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        // Bob says nothing more; Ada keeps her socket alive with a ping each second until Bob is closed.
        for (int i = 0; i < 10 && !bob.isClosed(); i++) {
            ada.send("{\"type\":\"ping\"}");
            ada.next("pong");
            bob.awaitClose(Duration.ofSeconds(1));
        }
        assertThat(bob.awaitClose()).isEqualTo(4000);
        JsonNode lost = ada.next("participant-updated");
        assertThat(lost.at("/participant/id").asText()).isEqualTo(bob.id());
        assertThat(lost.at("/participant/connected").asBoolean()).isFalse();
        assertThat(ada.isClosed()).isFalse();
        assertThat(ada.nextKeepingAlive("participant-left").get("id").asText()).isEqualTo(bob.id());
    }

    @Test
    void resumeKeepsTheIdAndOthersNeverSeeALeave() {
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        String token = bob.joined.get("resumeToken").asText();
        ada.next("participant-joined");
        bob.kill();
        assertThat(ada.next("participant-updated").at("/participant/connected").asBoolean()).isFalse();

        TestClient bob2 = connect();
        bob2.send(Map.of("type", "resume", "token", token));
        JsonNode resumed = bob2.next("joined");
        assertThat(resumed.get("id").asText()).isEqualTo(bob.id());
        assertThat(resumed.get("resumed").asBoolean()).isTrue();
        assertThat(resumed.get("participants")).extracting(p -> p.get("name").asText()).containsExactly("Ada");

        JsonNode back = ada.next("participant-updated");
        assertThat(back.at("/participant/connected").asBoolean()).isTrue();
        ada.sync();
        assertThat(ada.drain()).noneMatch(m -> m.get("type").asText().matches("participant-(left|joined)"));

        ada.send(Map.of("type", "signal", "to", bob.id(), "payload", Map.of("candidate", "x")));
        assertThat(bob2.next("signal").get("from").asText()).isEqualTo(ada.id());
    }

    @Test
    void resumeWhileTheOldSocketIsOpenClosesItWith4001() {
        TestClient bob = join("r", "Bob");
        TestClient bob2 = connect();
        bob2.send(Map.of("type", "resume", "token", bob.joined.get("resumeToken").asText()));
        assertThat(bob2.next("joined").get("id").asText()).isEqualTo(bob.id());
        assertThat(bob.awaitClose()).isEqualTo(4001);
        assertThat(server.rooms().roster("r")).singleElement().satisfies(p -> assertThat(p.connected()).isTrue());
    }

    @Test
    void badInputGetsAnErrorCodeAndTheConnectionStaysUsable() {
        TestClient stranger = join("elsewhere", "Eve");
        TestClient ada = connect();
        expectError(ada, "{\"type\":\"chat\",\"text\":\"hi\"}", "not-joined");
        expectError(ada, "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":2}", "unsupported-version");
        expectError(ada, "{\"type\":\"join\",\"room\":\"no spaces\",\"name\":\"Ada\",\"version\":1}", "bad-room-name");
        expectError(ada, "{\"type\":\"join\",\"room\":\"r\",\"name\":\"   \",\"version\":1}", "bad-name");
        ada.send("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":1}");
        ada.next("joined");
        expectError(ada, "not json at all", "bad-json");
        expectError(ada, "[1,2,3]", "bad-json");
        expectError(ada, "{\"type\":\"dance\"}", "unknown-type");
        expectError(ada, "{\"type\":\"signal\",\"to\":\"x\"}", "bad-message");
        expectError(ada, "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"version\":1}", "already-joined");
        expectError(ada, "{\"type\":\"signal\",\"to\":\"nobody\",\"payload\":{}}", "unknown-participant");
        expectError(ada, "{\"type\":\"signal\",\"to\":\"" + stranger.id() + "\",\"payload\":{}}", "unknown-participant");
        expectError(ada, "{\"type\":\"chat\",\"text\":\"" + "x".repeat(4097) + "\"}", "text-too-long");
        expectError(ada, "{\"type\":\"chat\",\"text\":17,\"ref\":\"r1\"}", "bad-message");

        ada.sync();
        stranger.sync();
        assertThat(stranger.drain()).as("nothing leaked to another room").isEmpty();
        assertThat(server.rooms().roster("r")).hasSize(1);
        assertThat(scrape()).contains("parley_signaling_errors_total{code=\"unknown-participant\"} 2.0");
    }

    @Test
    void errorsEchoTheClientsRef() {
        TestClient ada = connect();
        ada.send("{\"type\":\"leave\",\"ref\":\"req-7\"}");
        JsonNode error = ada.next("error");
        assertThat(error.get("code").asText()).isEqualTo("not-joined");
        assertThat(error.get("ref").asText()).isEqualTo("req-7");
    }

    @Test
    void frameOver64KiBClosesWith1009() {
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        bob.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(bob.awaitClose()).isEqualTo(1009);
        assertThat(ada.next("participant-updated").at("/participant/connected").asBoolean()).isFalse();
    }

    @Test
    void floodGetsRateLimitedThenClosedWith1008() {
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        // One frame at a time, each sent before the next, and none once the server's close has arrived.
        for (int sent = 0; sent < 5_000 && !bob.isClosed(); sent++) {
            try {
                bob.socket.sendText("{\"type\":\"state\",\"audioMuted\":true}", true).join();
            } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                break;
            }
        }
        assertThat(bob.next("error").get("code").asText()).isEqualTo("rate-limited");
        // The server closes with 1008. A client still flooding may lose that close frame to the TCP reset its own
        // late frames provoke, and then sees 1006; so the server's side is checked through its metrics.
        assertThat(bob.awaitClose()).isIn(1008, 1006);
        assertThat(scrape()).contains("parley_signaling_closes_total{code=\"1008\"} 1.0");
        ada.sync();
        long updates = ada.drain().stream().filter(m -> m.get("type").asText().equals("participant-updated")).count();
        assertThat(updates).as("only messages within the limit were applied").isLessThanOrEqualTo(100 + 50 * 10);
    }

    @Test
    void roomFullIsRefused() throws Exception {
        server.close();
        server = ParleyServer.start(ServerConfig.forTests(dataDir).withRooms(new RoomsConfig(2, 200, 4096, Duration.ofSeconds(2))));
        join("r", "A");
        join("r", "B");
        TestClient late = connect();
        expectError(late, "{\"type\":\"join\",\"room\":\"r\",\"name\":\"C\",\"version\":1}", "room-full");
        late.send("{\"type\":\"join\",\"room\":\"other\",\"name\":\"C\",\"version\":1}");
        assertThat(late.next("joined").get("room").asText()).isEqualTo("other");
    }

    @Test
    void foreignOriginIsRefusedAndOwnOriginAccepted() {
        assertThatThrownBy(() -> TestClient.connect(server, "https://evil.example"))
                .isInstanceOf(CompletionException.class).rootCause().hasMessageContaining("403");
        TestClient own = TestClient.connect(server, "http://127.0.0.1:" + server.httpPort());
        clients.add(own);
        own.sync();
    }

    @Test
    void hundredClientsJoiningTenRoomsConcurrentlyEndWithExactRosters() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<TestClient>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            futures.add(pool.submit(() -> TestClient.joined(server, "room-" + (n % 10), "p" + n)));
        }
        List<TestClient> joined = new ArrayList<>();
        for (Future<TestClient> f : futures) {
            joined.add(f.get());
        }
        pool.shutdown();
        clients.addAll(joined);

        for (int r = 0; r < 10; r++) {
            assertThat(server.rooms().roster("room-" + r)).hasSize(10);
        }
        for (TestClient client : joined) {
            client.sync();
            Set<String> known = new HashSet<>();
            client.joined.get("participants").forEach(p -> known.add(p.get("id").asText()));
            for (JsonNode m : client.drain()) {
                if (m.get("type").asText().equals("participant-joined")) {
                    assertThat(known.add(m.at("/participant/id").asText())).as("no duplicate joins").isTrue();
                }
            }
            String room = client.joined.get("room").asText();
            Set<String> expected = server.rooms().roster(room).stream().map(ParticipantView::id)
                    .filter(id -> !id.equals(client.id())).collect(Collectors.toSet());
            assertThat(known).isEqualTo(expected);
        }
        assertThat(server.rooms().participantCount()).isEqualTo(100);
    }

    @Test
    void shutdownTellsEveryoneAndClosesWith1001WithinFiveSeconds() {
        TestClient ada = join("r", "Ada");
        long start = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(ada.next("server-shutdown").get("message").asText()).isNotBlank();
        assertThat(ada.awaitClose()).isEqualTo(1001);
    }

    private static void expectError(TestClient client, String frame, String code) {
        client.send(frame);
        assertThat(client.next("error").get("code").asText()).as("error for %s", frame.length() > 80 ? frame.substring(0, 80) : frame)
                .isEqualTo(code);
    }

    private String scrape() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
