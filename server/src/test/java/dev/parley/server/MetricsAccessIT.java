package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.http.MetricsAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --metrics-token} and {@code --metrics-local-only} against the real server. */
class MetricsAccessIT {

    private static final String TOKEN = "s3cret-metrics-token-0123";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> scrape(ParleyServer server, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenOnlyAScrapeCarryingItGetsTheMetrics() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.forTests(dataDir)
                .withMetrics(new MetricsAccess(TOKEN, false)))) {
            HttpResponse<String> none = scrape(server, null);
            HttpResponse<String> wrong = scrape(server, "Bearer " + TOKEN.replace('0', '1'));
            HttpResponse<String> basic = scrape(server, "Basic " + TOKEN);
            HttpResponse<String> right = scrape(server, "Bearer " + TOKEN);

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"parley-metrics\"");
            assertThat(none.body()).doesNotContain("parley_");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(basic.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("parley_rooms ");
        }
    }

    @Test
    void loopbackOnlyStillServesThisMachine() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.forTests(dataDir)
                .withMetrics(new MetricsAccess(null, true)))) {
            assertThat(scrape(server, null).statusCode()).isEqualTo(200);
        }
    }
}
