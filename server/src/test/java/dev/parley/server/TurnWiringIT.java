package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.turn.TurnSettings;
import dev.parley.turn.TurnCredentials;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded STUN/TURN server runs beside signaling, and joiners get working credentials for it. */
class TurnWiringIT {

    @TempDir
    Path dataDir;
    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = ParleyServer.start(ServerConfig.forTests(dataDir).withTurn(TurnSettings.forTests()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void joinedCarriesStunAndTurnUrlsWithRestApiCredentialsForTheParticipant() throws Exception {
        try (TestClient ada = TestClient.joined(server, "r", "Ada")) {
            JsonNode ice = ada.joined.get("iceServers");
            assertThat(ice).hasSize(1);
            JsonNode entry = ice.get(0);
            int port = server.turn().orElseThrow().udpAddress().orElseThrow().getPort();
            List<String> urls = new ArrayList<>();
            entry.get("urls").forEach(u -> urls.add(u.asText()));
            assertThat(urls).containsExactly("stun:127.0.0.1:" + port, "turn:127.0.0.1:" + port + "?transport=udp",
                    "turn:127.0.0.1:" + port + "?transport=tcp");
            String username = entry.get("username").asText();
            assertThat(username).endsWith(":" + ada.id());
            assertThat(TurnCredentials.isCurrent(username, Instant.now())).isTrue();
            String secret = Files.readString(dataDir.resolve("turn-secret")).strip();
            assertThat(entry.get("credential").asText()).isEqualTo(TurnCredentials.password(secret, username));
        }
    }

    @Test
    void stunBindingIsAnsweredOnTheTurnPortAndCounted() throws Exception {
        System.gc(); // function counters must survive a collection (Micrometer holds their state weakly)
        int port = server.turn().orElseThrow().udpAddress().orElseThrow().getPort();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            byte[] request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                    .putInt(0x2112A442).putInt(1).putInt(2).putInt(3).array();
            socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket response = new DatagramPacket(new byte[1500], 1500);
            socket.receive(response);
            ByteBuffer answer = ByteBuffer.wrap(response.getData(), 0, response.getLength());
            assertThat(answer.getShort() & 0xffff).as("Binding success response").isEqualTo(0x0101);
            answer.getShort();
            assertThat(answer.getInt()).isEqualTo(0x2112A442);
            assertThat(new int[] {answer.getInt(), answer.getInt(), answer.getInt()}).containsExactly(1, 2, 3);
        }
        String metrics = new String(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body());
        assertThat(metrics).contains("parley_stun_binding_requests_total 1.0", "parley_turn_allocations ",
                "parley_turn_allocations_made_total 0.0");
    }

    @Test
    void stunOverTlsIsAnsweredOnTheTurnsPortWithTheServersCertificate() throws Exception {
        server.close();
        TurnSettings t = TurnSettings.forTests();
        server = ParleyServer.start(ServerConfig.forTests(dataDir).withTurn(new TurnSettings(true, 0, 0,
                t.relayPortMin(), t.relayPortMax(), t.realm(), t.credentialTtl(), t.maxAllocations(),
                t.maxAllocationsPerUser(), t.maxAllocationsPerIp(), t.bandwidthBytesPerSecond(), true, false, null, List.of(), null)));
        java.net.InetSocketAddress tls = server.turn().orElseThrow().tlsAddress().orElseThrow();
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trustAll.getSocketFactory()
                .createSocket(tls.getAddress(), tls.getPort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            java.security.cert.X509Certificate presented =
                    (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(presented.getEncoded()).as("the HTTPS certificate")
                    .isEqualTo(server.tls().leaf().getEncoded());
            byte[] request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                    .putInt(0x2112A442).putInt(4).putInt(5).putInt(6).array();
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            byte[] header = new byte[20];
            in.readFully(header);
            ByteBuffer answer = ByteBuffer.wrap(header);
            assertThat(answer.getShort() & 0xffff).as("Binding success response over TLS").isEqualTo(0x0101);
            int length = answer.getShort() & 0xffff;
            assertThat(answer.getInt()).isEqualTo(0x2112A442);
            assertThat(new int[] {answer.getInt(), answer.getInt(), answer.getInt()}).containsExactly(4, 5, 6);
            in.readFully(new byte[length]);
        }
    }
}
