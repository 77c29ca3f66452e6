package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.signaling.Admission;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-address limits at the real server's WebSocket upgrade and joins. Every test client is on loopback, so the
 * server is told to limit loopback too (by default it does not: a local reverse proxy would be one address).
 */
class AdmissionIT {

    @TempDir
    Path dataDir;

    @Test
    void oneAddressGetsItsSocketsAndJoinsAndNoMore() throws Exception {
        ServerConfig config = ServerConfig.forTests(dataDir);
        config = config.withSignaling(config.signaling().withAdmission(new Admission.Limits(100, 3, 3, 100, true)));
        List<TestClient> clients = new ArrayList<>();
        try (ParleyServer server = ParleyServer.start(config)) {
            for (int i = 0; i < 3; i++) {
                clients.add(TestClient.joined(server, "limits", "P" + i));
            }
            assertThatThrownBy(() -> TestClient.connect(server))
                    .isInstanceOf(CompletionException.class).rootCause().hasMessageContaining("429");

            clients.removeFirst().close();
            TestClient again = awaitAdmitted(server);
            clients.add(again);
            again.send("{\"type\":\"join\",\"room\":\"limits\",\"name\":\"P9\",\"version\":1}");
            assertThat(again.next("error").get("code").asText()).as("the fourth join this minute")
                    .isEqualTo("too-many-joins");
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    /** Connects once the closed socket's slot is given back (the close reaches the server asynchronously). */
    private static TestClient awaitAdmitted(ParleyServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (true) {
            try {
                return TestClient.connect(server);
            } catch (CompletionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20); // retrying the upgrade until the server has seen the close, with a deadline
            }
        }
    }
}
