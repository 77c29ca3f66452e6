package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Stateful fuzzing of the TURN core: any sequence of raw client datagrams, authenticated requests with fuzzed
 * arguments (Allocate, Refresh, CreatePermission, ChannelBind), peer datagrams, closes and time steps leaves it
 * consistent: every authenticated request is answered, quotas hold, the allocation gauge matches, and once time has
 * passed every lifetime nothing is left and every relay is closed. A plain test run replays the seeds in
 * {@code src/test/resources/dev/parley/turn/TurnServerCoreFuzzTestInputs/}; scripts/fuzz fuzzes it.
 */
class TurnServerCoreFuzzTest {

    private static final int MAX_ALLOCATIONS = 6;

    @FuzzTest(maxDuration = "30s")
    void anySequenceOfRequestsAndDatagramsLeavesTheCoreConsistent(FuzzedDataProvider data) throws Exception {
        CoreHarness h = new CoreHarness(CoreHarness.config().maxAllocations(MAX_ALLOCATIONS).maxAllocationsPerUser(3)
                .maxAllocationsPerIp(4).maxPermissionsPerAllocation(4).allowPrivatePeers(data.consumeBoolean())
                .ownServicePorts(java.util.Set.of(40000)).build());
        CoreHarness.Client[] clients = new CoreHarness.Client[3];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = h.new Client(CoreHarness.udpClient(40000 + i), i == 2 ? TurnCredentials.PROBE_PREFIX + i : "u" + i);
        }
        for (int step = 0; step < 48 && data.remainingBytes() > 0; step++) {
            CoreHarness.Client c = clients[data.consumeInt(0, clients.length - 1)];
            switch (data.consumeInt(0, 8)) {
                case 0 -> h.send(c.tuple, data.consumeBytes(700));
                case 1 -> answered(c.allocate());
                case 2 -> answered(c.permit(peer(data)));
                case 3 -> answered(c.bind(data.consumeInt(0x3ff0, 0x8000), peer(data)));
                case 4 -> answered(c.refresh(data.consumeLong(0, 7200)));
                case 5 -> {
                    InetSocketAddress relay = h.relays.isEmpty() ? peer(data)
                            : h.relays.get(data.consumeInt(0, h.relays.size() - 1)).address;
                    byte[] payload = data.consumeBytes(300);
                    h.core.onPeerDatagram(relay, peer(data), payload, 0, payload.length, h.now);
                }
                case 6 -> {
                    h.advance(Duration.ofMillis(data.consumeLong(0, 900_000)));
                    h.core.expire(h.now);
                }
                case 7 -> h.core.onClientClosed(c.tuple);
                default -> { // any method, signed: the nonce comes from an unsigned Allocate's 401
                    if (c.nonce == null) {
                        c.challenge(dev.parley.stun.StunMethod.ALLOCATE,
                                new dev.parley.stun.RequestedTransport(dev.parley.stun.RequestedTransport.UDP));
                    }
                    h.send(c.tuple, c.signed(data.consumeInt(0, 0xfff), dev.parley.stun.TransactionId.random()));
                }
            }
            assertThat(h.core.allocationCount()).isLessThanOrEqualTo(MAX_ALLOCATIONS);
            assertThat(h.stats.allocations()).isEqualTo((long) h.core.allocationCount());
        }
        h.advance(Duration.ofHours(2));
        h.core.expire(h.now);
        assertThat(h.core.allocationCount()).isZero();
        assertThat(h.relays).allSatisfy(r -> assertThat(r.closed).as("relay %s", r.address).isTrue());
    }

    private static void answered(dev.parley.stun.StunMessage response) {
        assertThat(response.messageClass()).isNotNull();
    }

    private static InetSocketAddress peer(FuzzedDataProvider data) throws UnknownHostException {
        byte[] ip = data.consumeBoolean() ? new byte[] {127, 0, 0, 1} : data.consumeBytes(4);
        if (ip.length < 4) {
            ip = new byte[] {1, 2, 3, 4};
        }
        return new InetSocketAddress(InetAddress.getByAddress(ip), data.consumeInt(1, 65535));
    }
}
