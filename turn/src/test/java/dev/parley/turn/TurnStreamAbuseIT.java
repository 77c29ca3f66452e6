package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.StunClass;
import dev.parley.stun.XorRelayedAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TURN over TCP against clients that hold connections without using them, or do not read. */
class TurnStreamAbuseIT {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private TurnService service;

    @BeforeEach
    void start() throws IOException {
        TurnConfig config = TurnConfig.builder(CoreHarness.REALM, CoreHarness.SECRET)
                .listenAddress(LOOPBACK).port(0).relayAddress(LOOPBACK).relayPorts(22000, 22999)
                .allowPrivatePeers(true).maxAllocationsPerIp(3).streamAllocateDeadline(Duration.ofMillis(400))
                .build();
        service = new TurnService(config);
        service.start();
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    @Test
    void aConnectionTricklingBytesWithoutAllocatingIsClosedAtTheDeadline() throws Exception {
        try (Socket s = new Socket(LOOPBACK, service.tcpAddress().orElseThrow().getPort())) {
            s.setSoTimeout(50);
            OutputStream out = s.getOutputStream();
            long started = System.nanoTime();
            boolean closed = false;
            // One byte of a STUN header every 50 ms (a 29 s trickle, sped up): each read succeeds, no frame completes.
            for (int i = 0; i < 19 && !closed; i++) {
                try {
                    out.write(0);
                    out.flush();
                    closed = s.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException e) {
                    // nothing from the server yet: trickle on
                } catch (IOException e) {
                    closed = true;
                }
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(closed).as("closed while trickling").isTrue();
            assertThat(elapsedMillis).as("closed after the 400 ms deadline").isGreaterThanOrEqualTo(300);
        }
        assertThat(service.stats().drops(DropReason.NO_ALLOCATION)).isEqualTo(1);
    }

    @Test
    void oneAddressHoldsAtMostItsQuotaOfConnections() throws Exception {
        List<TestTurnClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestTurnClient c = TestTurnClient.tcp(service.tcpAddress().orElseThrow());
                c.credentials(TurnCredentials.issue(CoreHarness.SECRET, "u" + i, Duration.ofHours(1), Instant.now()),
                        CoreHarness.REALM);
                assertThat(c.allocate().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
                clients.add(c);
            }
            try (TestTurnClient fourth = TestTurnClient.tcp(service.tcpAddress().orElseThrow())) {
                assertThat(fourth.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(service.stats().drops(DropReason.QUOTA)).isEqualTo(1);
        } finally {
            for (TestTurnClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aClientThatDoesNotReadGetsAtMostItsOutboxQueuedAndTheRestIsDropped() throws Exception {
        try (TestTurnClient c = TestTurnClient.tcp(service.tcpAddress().orElseThrow());
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            c.credentials(TurnCredentials.issue(CoreHarness.SECRET, "slow", Duration.ofHours(1), Instant.now()),
                    CoreHarness.REALM);
            InetSocketAddress relayed = XorRelayedAddress.from(c.allocate()).orElseThrow().address();
            assertThat(c.permit((InetSocketAddress) peer.getLocalSocketAddress()).messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
            byte[] payload = new byte[1200];
            // 40 MB towards a client that reads nothing: far beyond the kernel's buffers and the 1 MiB outbox.
            for (int i = 0; i < 35_000; i++) {
                peer.send(new DatagramPacket(payload, payload.length, relayed));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (service.stats().drops(DropReason.CLIENT_QUEUE_FULL) == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(service.stats().drops(DropReason.CLIENT_QUEUE_FULL)).isPositive();
        }
    }
}
