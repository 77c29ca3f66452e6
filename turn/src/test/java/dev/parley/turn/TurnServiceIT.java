package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.ChannelData;
import dev.parley.stun.Data;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import dev.parley.stun.XorMappedAddress;
import dev.parley.stun.XorPeerAddress;
import dev.parley.stun.XorRelayedAddress;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real service on 127.0.0.1 with real sockets, driven by {@link TestTurnClient}, over UDP and TCP. */
class TurnServiceIT {

    private TurnService service;
    private EchoPeer peer;

    @BeforeEach
    void start() throws IOException {
        TurnConfig config = TurnConfig.builder(CoreHarness.REALM, CoreHarness.SECRET)
                .listenAddress(InetAddress.getLoopbackAddress()).port(0)
                .relayAddress(InetAddress.getLoopbackAddress()).relayPorts(21000, 21999)
                .allowPrivatePeers(true).build();
        service = new TurnService(config);
        service.start();
        peer = new EchoPeer();
    }

    @AfterEach
    void stop() {
        peer.close();
        service.stop();
    }

    private TestTurnClient client(boolean tcp) throws IOException {
        TestTurnClient c = tcp ? TestTurnClient.tcp(service.tcpAddress().orElseThrow())
                : TestTurnClient.udp(service.udpAddress().orElseThrow());
        c.credentials(TurnCredentials.issue(CoreHarness.SECRET, "it", Duration.ofHours(1), Instant.now()), CoreHarness.REALM);
        return c;
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void sendIndicationReachesThePeerAndItsAnswerComesBackAsADataIndication(boolean tcp) throws Exception {
        try (TestTurnClient c = client(tcp)) {
            StunMessage allocated = c.allocate();
            assertThat(allocated.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            InetSocketAddress relayed = XorRelayedAddress.from(allocated).orElseThrow().address();
            assertThat(relayed.getPort()).isBetween(21000, 21999);
            assertThat(c.permit(peer.address()).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

            byte[] hello = "hello through the relay".getBytes(StandardCharsets.UTF_8);
            c.sendRaw(StunMessage.builder(StunClass.INDICATION, StunMethod.SEND, TransactionId.random())
                    .add(new XorPeerAddress(peer.address())).add(new Data(hello)).build());

            byte[] packet = c.awaitData();
            assertThat(packet).isNotNull();
            StunMessage indication = StunMessage.parse(packet, 0, packet.length);
            assertThat(indication.method()).isEqualTo(StunMethod.DATA);
            assertThat(XorPeerAddress.from(indication).orElseThrow().address()).isEqualTo(peer.address());
            assertThat(Data.from(indication).orElseThrow().bytes()).isEqualTo(hello);
            assertThat(service.stats().packetsToPeer()).isEqualTo(1);
            assertThat(service.stats().packetsToClient()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void channelDataRoundTripsThroughABoundChannel(boolean tcp) throws Exception {
        try (TestTurnClient c = client(tcp)) {
            c.allocate();
            assertThat(c.bind(0x4321, peer.address()).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

            for (int i = 0; i < 20; i++) {
                byte[] payload = ("ping " + i).getBytes(StandardCharsets.UTF_8);
                c.sendRaw(ChannelData.encode(0x4321, payload, 0, payload.length, tcp));
                byte[] frame = c.awaitData();
                assertThat(frame).isNotNull();
                ChannelData back = ChannelData.parse(frame, 0, frame.length);
                assertThat(back.channel()).isEqualTo(0x4321);
                assertThat(back.data()).isEqualTo(payload);
            }
        }
    }

    @Test
    void bindingRequestOverUdpReturnsTheClientsAddress() throws Exception {
        try (TestTurnClient c = TestTurnClient.udp(service.udpAddress().orElseThrow())) {
            StunMessage response = c.request(StunMethod.BINDING);
            assertThat(XorMappedAddress.from(response).orElseThrow().address()).isEqualTo(c.localAddress());
        }
    }

    @Test
    void unauthenticatedAllocateGets401OverTcp() throws Exception {
        try (TestTurnClient c = TestTurnClient.tcp(service.tcpAddress().orElseThrow())) {
            StunMessage response = c.allocate();
            assertThat(ErrorCode.from(response).orElseThrow().code()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00ff\u00fe junk", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "PRI * HTTP/2.0\r\n\r\n"})
    void tcpClientSendingJunkIsDisconnectedAndCounted(String junk) throws Exception {
        try (TestTurnClient c = TestTurnClient.tcp(service.tcpAddress().orElseThrow())) {
            c.sendRaw(junk.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(service.stats().drops(DropReason.NOT_STUN)).isEqualTo(1);
    }

    @Test
    void closingTheTcpConnectionDeletesTheAllocation() throws Exception {
        TestTurnClient c = client(true);
        c.allocate();
        assertThat(service.allocationCount()).isEqualTo(1);
        c.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (service.allocationCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(service.allocationCount()).isZero();
    }

    @Test
    void garbageDatagramsAreCountedAndDropped() throws Exception {
        try (TestTurnClient c = client(false)) {
            c.sendRaw(new byte[] {(byte) 0xff, 1, 2});
            c.sendRaw(new byte[] {0, 1, 0, 8, 0x21, 0x12});
            // A request after the garbage is still answered: the listener survived it.
            assertThat(c.request(StunMethod.BINDING).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        }
        assertThat(service.stats().drops(DropReason.NOT_STUN)).isEqualTo(1);
        assertThat(service.stats().drops(DropReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void stopDeletesAllocationsAndFreesTheirPorts() throws Exception {
        int relayPort;
        try (TestTurnClient c = client(false)) {
            relayPort = XorRelayedAddress.from(c.allocate()).orElseThrow().address().getPort();
        }
        service.stop();
        assertThat(service.allocationCount()).isZero();
        assertThat(service.stats().allocationsDeleted()).isEqualTo(1);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", relayPort))) {
            assertThat(s.getLocalPort()).isEqualTo(relayPort);
        }
    }

    @Test
    void manyUdpClientsSpreadOverTheLoopsAllRelayBothWays() throws Exception {
        // Eight source ports land on the loops' SO_REUSEPORT sockets by the kernel's hash; each client's relay
        // must be read, and its replies sent, whichever loop it landed on.
        java.util.List<TestTurnClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                TestTurnClient c = client(false);
                clients.add(c);
                assertThat(c.allocate().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
                assertThat(c.bind(0x4000 + i, peer.address()).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            }
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    byte[] payload = ("client " + i + " round " + round).getBytes(StandardCharsets.UTF_8);
                    clients.get(i).sendRaw(ChannelData.encode(0x4000 + i, payload, 0, payload.length, false));
                    byte[] frame = clients.get(i).awaitData();
                    assertThat(frame).isNotNull();
                    assertThat(ChannelData.parse(frame, 0, frame.length).data()).isEqualTo(payload);
                }
            }
        } finally {
            for (TestTurnClient c : clients) {
                c.close();
            }
        }
        assertThat(service.stats().packetsToClient()).isEqualTo(40);
    }

    @Test
    void refreshWithLifetimeZeroFreesTheRelayPortAtOnce() throws Exception {
        try (TestTurnClient c = client(false)) {
            int relayPort = XorRelayedAddress.from(c.allocate()).orElseThrow().address().getPort();
            assertThat(c.request(StunMethod.REFRESH, new dev.parley.stun.Lifetime(0)).messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
            // The relay was closed on its loop; the loop lets go of the socket in its next select, before it
            // reads another packet, so a Binding round trip later the port is free.
            assertThat(c.request(StunMethod.BINDING).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", relayPort))) {
                assertThat(s.getLocalPort()).isEqualTo(relayPort);
            }
        }
    }
}
