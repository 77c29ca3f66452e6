package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP surface of the real server: pages, 404s, health, metrics, security headers, HTTPS. */
class HttpSurfaceIT {

    @TempDir
    static Path dataDir;
    static ParleyServer server;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = ParleyServer.start(ServerConfig.forTests(dataDir));
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        http = HttpClient.newBuilder().sslContext(trustAll).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void landingAndRoomPagesAreServedAsHtml() throws Exception {
        HttpResponse<String> landing = get("/");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        HttpResponse<String> room = get("/r/Daily_Standup-2");
        assertThat(room.statusCode()).isEqualTo(200);
        assertThat(room.body()).contains("<script type=\"module\"");
        assertThat(get("/r/" + "a".repeat(64)).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/r/", "/r/a.b", "/r/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/r/%3Cscript%3E", "/r/x/y", "/nope",
            "/index.html", "/../pom.xml", "/js/../../pom.xml", "/%2e%2e/pom.xml", "/WEB-INF/web.xml", "/js/"})
    void badRoomNamesAndUnknownPathsGetTheFriendly404Page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isIn(400, 404);
        if (response.statusCode() == 404) {
            assertThat(response.body()).contains("href=\"/\"");
        }
    }

    @Test
    void staticFilesHaveTheirTypesAndETags() throws Exception {
        HttpResponse<String> js = get("/js/protocol.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        String etag = js.headers().firstValue("etag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/js/protocol.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(get("/css/parley.css").headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/r/test", "/js/protocol.js", "/nope", "/healthz"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("content-security-policy")).as(path).hasValueSatisfying(csp -> {
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            });
            assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("referrer-policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("permissions-policy")).hasValueSatisfying(p ->
                    assertThat(p).contains("camera=(self)", "microphone=(self)", "display-capture=(self)"));
            assertThat(response.headers().firstValue("server")).isEmpty();
        }
    }

    @Test
    void healthReportsStatusVersionAndCounts() throws Exception {
        try (TestClient ada = TestClient.joined(server, "health", "Ada")) {
            JsonNode health = new ObjectMapper().readTree(get("/healthz").body());
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("version").asText()).isNotBlank();
            assertThat(health.get("rooms").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(health.get("participants").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(health.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void metricsExposeSignalingCountersAndJvmMetrics() throws Exception {
        try (TestClient ada = TestClient.joined(server, "metrics", "Ada")) {
            ada.send("{\"type\":\"bogus\"}");
            ada.next("error");
            String metrics = get("/metrics").body();
            assertThat(metrics).contains("parley_rooms ", "parley_participants ", "parley_websocket_connections ",
                    "parley_signaling_messages_in_total{type=\"join\"}",
                    "parley_signaling_messages_out_total{type=\"joined\"}",
                    "parley_signaling_errors_total{code=\"unknown-type\"}", "jvm_memory_used_bytes");
        }
    }

    @Test
    void httpsServesTheSameSiteWithTheSelfSignedCertificate() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + server.httpsPort() + "/r/test")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        X509Certificate served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served).isEqualTo(server.tls().leaf());
        assertThat(server.tls().selfSigned()).isTrue();
    }

    @Test
    void httpsResponsesCarryHstsAndPlainHttpOnesDoNot() throws Exception {
        HttpResponse<String> secure = http.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + server.httpsPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(secure.headers().firstValue("strict-transport-security")).hasValue("max-age=15552000");
        assertThat(get("/").headers().firstValue("strict-transport-security"))
                .as("RFC 6797 §7.2: not over plain HTTP").isEmpty();
    }

    @Test
    void metricsAreOpenByDefaultAsPrometheusExpects() throws Exception {
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }
}
