package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.turn.TurnSettings;
import dev.parley.turn.TurnStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Chromium participants forced to relay-only ICE ({@code ?relay=1}) call each other through Parley's own TURN
 * server with the credentials it issued in {@code joined}.
 */
class RelayCallIT {

    @TempDir
    static Path dataDir;
    static Meetings meetings;

    @BeforeAll
    static void start() throws Exception {
        meetings = Meetings.start(Meetings.testConfig(dataDir).withTurn(TurnSettings.forTests()));
    }

    @AfterAll
    static void stop() {
        if (meetings != null) {
            meetings.close();
        }
    }

    /** {@code 1}: the TURN servers as handed out (UDP and TCP, as a real relay-only client has them); then each alone. */
    @ParameterizedTest(name = "relay={0}")
    @ValueSource(strings = {"1", "udp", "tcp"})
    void relayOnlyCallConnectsThroughParleysTurnAndDecodesVideoBothWays(String transport) {
        String url = meetings.baseUrl() + "/r/relay-" + transport + "?relay=" + transport;
        TurnStats turn = meetings.server.turn().orElseThrow().stats();
        long allocationsBefore = turn.allocationsCreated();
        long toPeerBefore = turn.packetsToPeer();
        long toClientBefore = turn.packetsToClient();
        try (Person ada = Person.join(meetings.browser, url, "Ada"); Person bob = Person.join(meetings.browser, url, "Bob")) {
            ada.expectRemoteTiles(List.of("Bob"), Person.SETUP_TIMEOUT_MS);
            bob.expectRemoteTiles(List.of("Ada"), Person.SETUP_TIMEOUT_MS);
            ada.expectMediaFrom(List.of("Bob"));
            bob.expectMediaFrom(List.of("Ada"));
            for (Person person : List.of(ada, bob)) {
                assertThat(selectedPairTypes(person)).as("selected candidate pair at %s", person.name)
                        .containsEntry("local", "relay").containsEntry("remote", "relay");
            }
        }
        assertThat(turn.allocationsCreated() - allocationsBefore).as("allocations on Parley's TURN").isGreaterThanOrEqualTo(2);
        assertThat(turn.packetsToPeer() - toPeerBefore).as("packets relayed to peers").isGreaterThan(100);
        assertThat(turn.packetsToClient() - toClientBefore).as("packets relayed to clients").isGreaterThan(100);
    }

    /** Candidate types of the selected pair of the person's only peer connection, from {@code getStats()}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> selectedPairTypes(Person person) {
        return (Map<String, Object>) person.page.evaluate("""
                async () => {
                  const [pc] = window.parley.peerConnections();
                  const stats = await pc.getStats();
                  let pairId;
                  stats.forEach((r) => { if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId; });
                  const pair = stats.get(pairId);
                  return { local: stats.get(pair.localCandidateId).candidateType,
                           remote: stats.get(pair.remoteCandidateId).candidateType };
                }""");
    }
}
