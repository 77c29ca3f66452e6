package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdp.SessionDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology switch and the SFU negotiation messages, on the real server with real WebSocket clients. */
class SfuSignalingIT {

    @TempDir
    Path dataDir;
    private ParleyServer server;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ParleyServer.start(ServerConfig.forTests(dataDir).withP2pMax(2));
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

    @Test
    void theThirdParticipantMovesTheRoomToTheSfuAndEveryoneHearsIt() {
        TestClient ada = join("r", "Ada");
        TestClient bob = join("r", "Bob");
        assertThat(ada.joined.get("topology").asText()).isEqualTo("p2p");
        assertThat(bob.joined.get("topology").asText()).isEqualTo("p2p");

        TestClient cy = join("r", "Cy");

        assertThat(cy.joined.get("topology").asText()).isEqualTo("sfu");
        assertThat(ada.next("topology").get("topology").asText()).isEqualTo("sfu");
        assertThat(bob.next("topology").get("topology").asText()).isEqualTo("sfu");
    }

    @Test
    void sfuConnectInAPeerToPeerRoomIsRefused() {
        TestClient ada = join("r", "Ada");
        ada.send(Map.of("type", "sfu-connect", "ref", "c1"));
        JsonNode error = ada.next("error");
        assertThat(error.get("code").asText()).isEqualTo("sfu-unavailable");
        assertThat(error.get("ref").asText()).isEqualTo("c1");
    }

    @Test
    void sfuConnectBringsAnOfferWithSlotsAndTheOthersTracks() throws Exception {
        join("r", "Ada");
        TestClient bob = join("r", "Bob");
        TestClient cy = join("r", "Cy");

        bob.send(Map.of("type", "sfu-connect"));
        JsonNode first = bob.next("sfu-offer");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.at("/slots/audio").asText()).isEqualTo("0");
        assertThat(first.at("/slots/camera").asText()).isEqualTo("1");
        assertThat(first.at("/slots/screen").asText()).isEqualTo("2");
        assertThat(first.get("tracks")).as("nobody else is on the SFU yet").isEmpty();
        SessionDescription sdp = SessionDescription.parse(first.get("sdp").asText());
        assertThat(sdp.iceLite()).isTrue();
        assertThat(sdp.media()).hasSize(3);
        assertThat(sdp.media().get(0).candidates()).singleElement()
                .satisfies(c -> assertThat(c.port()).isEqualTo(server.sfu().orElseThrow().port()));

        cy.send(Map.of("type", "sfu-connect"));
        JsonNode cyOffer = cy.next("sfu-offer");
        assertThat(cyOffer.get("tracks")).hasSize(2);
        assertThat(cyOffer.get("tracks")).allSatisfy(t -> assertThat(t.get("participant").asText()).isEqualTo(bob.id()));

        // Bob has not answered version 1 yet, so Cy's tracks wait for his answer.
        bob.send(Map.of("type", "sfu-answer", "version", 1, "sdp", "not sdp", "ref", "a1"));
        JsonNode refused = bob.next("error");
        assertThat(refused.get("code").asText()).isEqualTo("bad-sdp");
        assertThat(refused.get("ref").asText()).isEqualTo("a1");
        JsonNode second = bob.next("sfu-offer");
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("tracks")).extracting(t -> t.get("source").asText()).containsExactly("audio", "camera");
        assertThat(second.get("tracks")).allSatisfy(t -> assertThat(t.get("participant").asText()).isEqualTo(cy.id()));
    }

    @Test
    void sfuAnswerWithoutAConnectionIsRefused() {
        join("r", "Ada");
        join("r", "Bob");
        TestClient cy = join("r", "Cy");
        cy.send(Map.of("type", "sfu-answer", "version", 1, "sdp", "v=0"));
        assertThat(cy.next("error").get("code").asText()).isEqualTo("sfu-unavailable");
    }
}
