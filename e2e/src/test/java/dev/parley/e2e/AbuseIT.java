package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.turn.TurnSettings;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of the hardening work, one after another, against the real server while two people are in a call in
 * another room: after each the server is healthy, its heap (read from {@code /metrics}) stays bounded, the attack
 * met its limit, and the two still decode each other's video.
 */
class AbuseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Far above what the server needs for these attacks (it ran at about 100 MiB), far below what they would take unbounded. */
    private static final long HEAP_BOUND = 768L << 20;

    @TempDir
    static Path dataDir;
    static Meetings meetings;
    static Person ada;
    static Person bob;

    @BeforeAll
    static void start() throws Exception {
        meetings = Meetings.start(Meetings.testConfig(dataDir).withTurn(TurnSettings.forTests()));
        String calm = Meetings.newRoom("calm");
        List<Person> people = meetings.join(calm, "Ada", "Bob");
        ada = people.get(0);
        bob = people.get(1);
        ada.expectMediaFrom(List.of("Bob"));
        bob.expectMediaFrom(List.of("Ada"));
    }

    @AfterAll
    static void stop() {
        if (meetings != null) {
            meetings.close();
        }
    }

    @Test
    void aLongHistoryDoesNotAmplifyJoinedFrames() throws Exception {
        String room = Meetings.newRoom("history");
        Attacker keeper = Attacker.connect(meetings); // keeps the room, and with it the history, alive
        keeper.join(room, "Keeper");
        for (int w = 0; w < 10; w++) { // ten writers in turn, each within its chat burst of 20: 200 messages of 4,096
            try (Attacker writer = Attacker.connect(meetings)) {
                writer.join(room, "Writer" + w);
                for (int i = 0; i < 20; i++) {
                    writer.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(4096) + "\"}");
                }
                writer.awaitType("chat", 20, Duration.ofSeconds(20));
                writer.send("{\"type\":\"leave\"}"); // frees the place at once (no resume grace)
            }
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try (Attacker late = Attacker.connect(meetings)) {
                sizes.add(late.join(room, "Late" + i).length());
                late.send("{\"type\":\"leave\"}");
            }
        }
        keeper.close();
        System.out.println("joined frame sizes after 200 messages of 4,096 characters: " + sizes);
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(32 * 1024 - 4200, 64 * 1024));
        expectHealthyAndTheCallGoesOn();
    }

    @Test
    void floodingChatAndSfuConnectAtTheOverallLimitMeetsTheirBudgets() throws Exception {
        String room = Meetings.newRoom("flood");
        try (Attacker flooder = Attacker.connect(meetings); Attacker watcher = Attacker.connect(meetings)) {
            flooder.join(room, "Flooder");
            watcher.join(room, "Watcher");
            for (int i = 0; i < 90; i++) { // within the overall burst of 100
                flooder.send(i % 2 == 0 ? "{\"type\":\"chat\",\"text\":\"spam\"}" : "{\"type\":\"sfu-connect\"}");
            }
            flooder.send("{\"type\":\"ping\",\"ref\":\"end\"}");
            flooder.awaitType("pong", 1, Duration.ofSeconds(10));
            assertThat(flooder.count("rate-limited")).as("refused by the per-type budgets").isGreaterThanOrEqualTo(60);
            assertThat(watcher.countType("chat")).as("chat that reached the room").isLessThanOrEqualTo(21);
        }
        expectHealthyAndTheCallGoesOn();
    }

    @Test
    void requestsForMissingFilesAndSocketsThatNeverJoinCostNothingLasting() throws Exception {
        for (int i = 0; i < 3_000; i++) {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(meetings.baseUrl() + "/js/missing-" + i
                    + ".js")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(404);
        }
        List<Attacker> idle = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            idle.add(Attacker.connect(meetings));
        }
        for (Attacker a : idle) {
            assertThat(a.awaitClose(Duration.ofSeconds(25))).as("closed for not joining").isEqualTo(4003);
        }
        expectHealthyAndTheCallGoesOn();
    }

    @Test
    void credentialsHandedOutBeforeAJoinAllowOneShortAllocation() throws Exception {
        JsonNode servers;
        try (Attacker probe = Attacker.connect(meetings)) {
            probe.send("{\"type\":\"get-ice-servers\",\"ref\":\"p\"}");
            servers = probe.awaitType("ice-servers", 1, Duration.ofSeconds(10)).getFirst().get("iceServers");
        }
        JsonNode turn = servers.get(0);
        String username = turn.get("username").asText();
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry - System.currentTimeMillis() / 1000).as("seconds the probe's credentials last")
                .isBetween(50L, 61L);
        InetSocketAddress server = meetings.server.turn().orElseThrow().udpAddress().orElseThrow();
        try (DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket second = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThat(allocate(first, server, username, turn.get("credential").asText()).messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
            StunMessage refused = allocate(second, server, username, turn.get("credential").asText());
            assertThat(ErrorCode.from(refused).orElseThrow().code()).isEqualTo(486);
        }
        expectHealthyAndTheCallGoesOn();
    }

    @Test
    void garbageOnTheMediaAndTurnPortsIsCountedAndDropped() throws Exception {
        int sfuPort = meetings.server.sfu().orElseThrow().port();
        InetSocketAddress turn = meetings.server.turn().orElseThrow().udpAddress().orElseThrow();
        double notRtpBefore = metric("parley_sfu_dropped_total\\{reason=\"not-rtp\"\\}");
        byte[] junk = new byte[300];
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 20_000; i++) {
                junk[0] = (byte) (i % 2 == 0 ? 0xff : 0x7f); // outside every RFC 7983 range, then ChannelData-like
                s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), sfuPort));
                s.send(new DatagramPacket(junk, junk.length, turn));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metric("parley_sfu_dropped_total\\{reason=\"not-rtp\"\\}") - notRtpBefore < 5_000
                && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling a counter with a deadline
        }
        assertThat(metric("parley_sfu_dropped_total\\{reason=\"not-rtp\"\\}") - notRtpBefore).isGreaterThan(5_000);
        expectHealthyAndTheCallGoesOn();
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private static void expectHealthyAndTheCallGoesOn() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(meetings.baseUrl() + "/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");
        double heap = metric("jvm_memory_used_bytes\\{area=\"heap\",[^}]*\\}");
        System.out.printf("heap used after the attack: %.0f MiB%n", heap / (1 << 20));
        assertThat(heap).isLessThan(HEAP_BOUND);
        ada.expectMediaFrom(List.of("Bob"));
        bob.expectMediaFrom(List.of("Ada"));
    }

    /** The sum of every series matching {@code series} in {@code /metrics}. */
    private static double metric(String series) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(meetings.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** An authenticated Allocate (the 401 round trip, then signed). */
    private static StunMessage allocate(DatagramSocket s, InetSocketAddress server, String username, String password)
            throws Exception {
        StunMessage challenge = request(s, server, StunMessage.builder(StunClass.REQUEST, StunMethod.ALLOCATE,
                TransactionId.random()).add(new RequestedTransport(RequestedTransport.UDP)).build());
        String realm = Realm.from(challenge).orElseThrow().value();
        String nonce = Nonce.from(challenge).orElseThrow().value();
        return request(s, server, StunMessage.builder(StunClass.REQUEST, StunMethod.ALLOCATE, TransactionId.random())
                .add(new RequestedTransport(RequestedTransport.UDP)).add(new Username(username)).add(new Realm(realm))
                .add(new Nonce(nonce)).messageIntegrity(MessageIntegrity.longTermKey(username, realm, password))
                .build());
    }

    private static StunMessage request(DatagramSocket s, InetSocketAddress server, byte[] request) throws Exception {
        s.setSoTimeout(5_000);
        s.send(new DatagramPacket(request, request.length, server));
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return StunMessage.parse(p.getData(), 0, p.getLength());
    }

    /** A signaling client written for attacking: raw frames, every frame received kept with its size. */
    static final class Attacker implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Attacker connect(Meetings meetings) {
            Attacker a = new Attacker();
            a.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + meetings.server.httpPort()
                    + "/ws"), a).join();
            return a;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        /** Joins and returns the {@code joined} frame's text. */
        String join(String room, String name) throws Exception {
            send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"version\":1}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null && JSON.readTree(f).path("type").asText().equals("joined")) {
                    return f;
                }
            }
            throw new AssertionError("no joined for " + name);
        }

        List<JsonNode> awaitType(String type, int count, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                List<JsonNode> found = new ArrayList<>();
                synchronized (all) {
                    for (String f : all) {
                        JsonNode n = JSON.readTree(f);
                        if (n.path("type").asText().equals(type)) {
                            found.add(n);
                        }
                    }
                }
                if (found.size() >= count) {
                    return found;
                }
                frames.poll(50, TimeUnit.MILLISECONDS); // wake on the next frame
            }
            throw new AssertionError(count + " × " + type + " did not arrive");
        }

        int count(String errorCode) throws Exception {
            int n = 0;
            synchronized (all) {
                for (String f : all) {
                    JsonNode node = JSON.readTree(f);
                    if (node.path("type").asText().equals("error") && node.path("code").asText().equals(errorCode)) {
                        n++;
                    }
                }
            }
            return n;
        }

        int countType(String type) throws Exception {
            int n = 0;
            synchronized (all) {
                for (String f : all) {
                    if (JSON.readTree(f).path("type").asText().equals(type)) {
                        n++;
                    }
                }
            }
            return n;
        }

        int awaitClose(Duration timeout) throws Exception {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                all.add(text);
                frames.add(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        @Override
        public void close() {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
            }
            socket.abort();
        }
    }
}
