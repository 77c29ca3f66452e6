package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.ChannelData;
import dev.parley.stun.StunClass;
import dev.parley.stun.XorRelayedAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two clients that both relay through this server reach each other at its relay addresses, as two browsers
 * forced to relay-only ICE do: permissions and channels towards the server's own relay ports must work, with the
 * default peer filter (no private peers allowed).
 */
class RelayToRelayIT {

    private TurnService service;

    @BeforeEach
    void start() throws IOException {
        TurnConfig config = TurnConfig.builder(CoreHarness.REALM, CoreHarness.SECRET)
                .listenAddress(InetAddress.getLoopbackAddress()).port(0)
                .relayAddress(InetAddress.getLoopbackAddress()).relayPorts(23000, 23999).build();
        service = new TurnService(config);
        service.start();
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    private TestTurnClient client(String user) throws IOException {
        TestTurnClient c = TestTurnClient.udp(service.udpAddress().orElseThrow());
        c.credentials(TurnCredentials.issue(CoreHarness.SECRET, user, Duration.ofHours(1), Instant.now()), CoreHarness.REALM);
        return c;
    }

    @Test
    void channelDataFlowsBetweenTwoAllocationsOfThisServer() throws Exception {
        try (TestTurnClient ada = client("ada"); TestTurnClient bob = client("bob")) {
            InetSocketAddress adaRelay = XorRelayedAddress.from(ada.allocate()).orElseThrow().address();
            InetSocketAddress bobRelay = XorRelayedAddress.from(bob.allocate()).orElseThrow().address();
            assertThat(ada.bind(0x4000, bobRelay).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(bob.bind(0x4000, adaRelay).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

            for (int i = 0; i < 10; i++) {
                byte[] hello = ("ada to bob " + i).getBytes(StandardCharsets.UTF_8);
                ada.sendRaw(ChannelData.encode(0x4000, hello, 0, hello.length, false));
                byte[] atBob = bob.awaitData();
                assertThat(atBob).as("frame %d at bob", i).isNotNull();
                assertThat(ChannelData.parse(atBob, 0, atBob.length).data()).isEqualTo(hello);

                byte[] back = ("bob to ada " + i).getBytes(StandardCharsets.UTF_8);
                bob.sendRaw(ChannelData.encode(0x4000, back, 0, back.length, false));
                byte[] atAda = ada.awaitData();
                assertThat(atAda).as("frame %d at ada", i).isNotNull();
                assertThat(ChannelData.parse(atAda, 0, atAda.length).data()).isEqualTo(back);
            }
        }
    }
}
