package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.ChannelData;
import dev.parley.stun.Data;
import dev.parley.stun.DontFragment;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.EvenPort;
import dev.parley.stun.Fingerprint;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedAddressFamily;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.ReservationToken;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UnknownAttributes;
import dev.parley.stun.XorMappedAddress;
import dev.parley.stun.XorPeerAddress;
import dev.parley.stun.XorRelayedAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnServerCoreTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("1.2.3.4", 5000);
    private static final InetSocketAddress PEER_2 = new InetSocketAddress("1.2.3.5", 5001);

    private final CoreHarness h = new CoreHarness(CoreHarness.config().build());
    private final FiveTuple tuple = CoreHarness.udpClient(40000);
    private final CoreHarness.Client client = h.new Client(tuple, "ada");

    private static int errorCode(StunMessage m) throws StunParseException {
        assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        return ErrorCode.from(m).orElseThrow().code();
    }

    @Test
    void bindingRequestIsAnsweredWithTheSourceAddressWithoutCredentials() throws Exception {
        byte[] request = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TransactionId.random()).fingerprint().build();

        StunMessage response = h.request(tuple, request);

        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(XorMappedAddress.from(response).orElseThrow().address()).isEqualTo(tuple.client());
        assertThat(Fingerprint.verify(response)).isTrue();
        assertThat(h.stats.bindingRequests()).isEqualTo(1);
    }

    @Test
    void allocateWithoutCredentialsGets401WithRealmAndNonceThenSucceedsWithThem() throws Exception {
        StunMessage challenge = client.challenge(StunMethod.ALLOCATE, new RequestedTransport(RequestedTransport.UDP));
        assertThat(errorCode(challenge)).isEqualTo(401);
        assertThat(Realm.from(challenge).orElseThrow().value()).isEqualTo(CoreHarness.REALM);
        assertThat(Nonce.from(challenge)).isPresent();
        assertThat(challenge.has(MessageIntegrity.TYPE)).isFalse();
        assertThat(h.stats.authFailures()).isZero();

        StunMessage ok = client.allocate();

        assertThat(ok.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(MessageIntegrity.verify(ok, client.key)).isTrue();
        assertThat(XorRelayedAddress.from(ok).orElseThrow().address()).isEqualTo(h.relays.get(0).address);
        assertThat(XorMappedAddress.from(ok).orElseThrow().address()).isEqualTo(tuple.client());
        assertThat(Lifetime.from(ok).orElseThrow().seconds()).isEqualTo(600);
        assertThat(h.stats.allocations()).isEqualTo(1);
    }

    @Test
    void staleNonceGets438WithAFreshNonce() throws Exception {
        client.challenge(StunMethod.ALLOCATE);
        String old = client.nonce;
        h.advance(Duration.ofMinutes(11));

        StunMessage stale = h.request(tuple, client.signed(StunMethod.ALLOCATE, TransactionId.random(),
                new RequestedTransport(RequestedTransport.UDP)));

        assertThat(errorCode(stale)).isEqualTo(438);
        assertThat(Nonce.from(stale).orElseThrow().value()).isNotEqualTo(old);
        client.nonce = Nonce.from(stale).orElseThrow().value();
        assertThat(client.allocate().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void forgedNonceGets438() throws Exception {
        client.challenge(StunMethod.ALLOCATE);
        client.nonce = "0".repeat(36);
        assertThat(errorCode(h.request(tuple, client.signed(StunMethod.ALLOCATE, TransactionId.random(),
                new RequestedTransport(17))))).isEqualTo(438);
    }

    @Test
    void wrongPasswordGets401AndCountsAnAuthFailure() throws Exception {
        TurnCredentials real = TurnCredentials.issue(CoreHarness.SECRET, "eve", Duration.ofHours(1), Instant.ofEpochMilli(h.now));
        CoreHarness.Client eve = h.new Client(tuple, new TurnCredentials(real.username(), "guessed", real.expires()));

        assertThat(errorCode(eve.allocate())).isEqualTo(401);
        assertThat(h.stats.authFailures()).isEqualTo(1);
        assertThat(h.stats.allocations()).isZero();
    }

    @Test
    void expiredRestUsernameGets401() throws Exception {
        TurnCredentials old = TurnCredentials.issue(CoreHarness.SECRET, "bob", Duration.ofMinutes(1), Instant.ofEpochMilli(h.now));
        CoreHarness.Client bob = h.new Client(tuple, old);
        h.advance(Duration.ofMinutes(2));

        assertThat(errorCode(bob.allocate())).isEqualTo(401);
    }

    @Test
    void integrityWithoutUsernameGets400() throws Exception {
        byte[] request = StunMessage.builder(StunClass.REQUEST, StunMethod.ALLOCATE, TransactionId.random())
                .add(new RequestedTransport(17)).messageIntegrity(new byte[16]).build();
        assertThat(errorCode(h.request(tuple, request))).isEqualTo(400);
    }

    @Test
    void secondAllocateOnTheSameTupleGets437ButARetransmissionGetsTheSameSuccess() throws Exception {
        client.challenge(StunMethod.ALLOCATE);
        TransactionId tid = TransactionId.random();
        byte[] allocate = client.signed(StunMethod.ALLOCATE, tid, new RequestedTransport(17));
        StunMessage first = h.request(tuple, allocate);
        StunMessage again = h.request(tuple, allocate);

        assertThat(again.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(XorRelayedAddress.from(again)).isEqualTo(XorRelayedAddress.from(first));
        assertThat(errorCode(client.allocate())).isEqualTo(437);
        assertThat(h.relays).hasSize(1);
    }

    @Test
    void requestsWithoutAnAllocationGet437() throws Exception {
        assertThat(errorCode(client.refresh(600))).isEqualTo(437);
        assertThat(errorCode(client.permit(PEER))).isEqualTo(437);
        assertThat(errorCode(client.bind(0x4000, PEER))).isEqualTo(437);
    }

    @Test
    void transportOtherThanUdpGets442AndMissingTransportGets400() throws Exception {
        client.challenge(StunMethod.ALLOCATE);
        assertThat(errorCode(h.request(tuple, client.signed(StunMethod.ALLOCATE, TransactionId.random(),
                new RequestedTransport(RequestedTransport.TCP))))).isEqualTo(442);
        assertThat(errorCode(client.call(StunMethod.ALLOCATE))).isEqualTo(400);
    }

    @Test
    void unsupportedAllocateOptionsGet420ListingThem() throws Exception {
        StunMessage response = client.allocate(new DontFragment(), new ReservationToken(new byte[8]));

        assertThat(errorCode(response)).isEqualTo(420);
        assertThat(UnknownAttributes.from(response).orElseThrow().types())
                .containsExactly(DontFragment.TYPE, ReservationToken.TYPE);
        assertThat(MessageIntegrity.verify(response, client.key)).isTrue();
    }

    @Test
    void evenPortGetsAnEvenRelayPortButAReservationGets508() throws Exception {
        assertThat(errorCode(client.allocate(new EvenPort(true)))).isEqualTo(508);

        StunMessage ok = client.allocate(new EvenPort(false));

        assertThat(XorRelayedAddress.from(ok).orElseThrow().address().getPort() % 2).isZero();
    }

    @Test
    void ipv6RelayRequestGets440OnAnIpv4Server() throws Exception {
        assertThat(errorCode(client.allocate(new RequestedAddressFamily(RequestedAddressFamily.IPV6)))).isEqualTo(440);
    }

    @Test
    void perUserQuotaGets486() throws Exception {
        CoreHarness q = new CoreHarness(CoreHarness.config().maxAllocationsPerUser(2).build());
        TurnCredentials ada = TurnCredentials.issue(CoreHarness.SECRET, "ada", Duration.ofHours(1), Instant.ofEpochMilli(q.now));
        for (int i = 0; i < 2; i++) {
            assertThat(q.new Client(CoreHarness.udpClient(41000 + i), ada).allocate().messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
        }
        assertThat(errorCode(q.new Client(CoreHarness.udpClient(41002), ada).allocate())).isEqualTo(486);
        assertThat(q.new Client(CoreHarness.udpClient(41003), "bob").allocate().messageClass())
                .isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void theUserQuotaCountsTheParticipantWhateverTheExpiryOfItsCredentials() throws Exception {
        CoreHarness q = new CoreHarness(CoreHarness.config().maxAllocationsPerUser(2).build());
        for (int i = 0; i < 2; i++) {
            TurnCredentials fresh = TurnCredentials.issue(CoreHarness.SECRET, "ada", Duration.ofSeconds(3600 + i),
                    Instant.ofEpochMilli(q.now));
            assertThat(q.new Client(CoreHarness.udpClient(41100 + i), fresh).allocate().messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
        }
        TurnCredentials third = TurnCredentials.issue(CoreHarness.SECRET, "ada", Duration.ofSeconds(3700),
                Instant.ofEpochMilli(q.now));
        assertThat(errorCode(q.new Client(CoreHarness.udpClient(41102), third).allocate())).isEqualTo(486);
        assertThat(q.stats.drops(DropReason.QUOTA)).isEqualTo(1);
    }

    @Test
    void probeCredentialsAllowOneAllocation() throws Exception {
        TurnCredentials probe = TurnCredentials.issue(CoreHarness.SECRET, TurnCredentials.PROBE_PREFIX + "x",
                Duration.ofSeconds(60), Instant.ofEpochMilli(h.now));
        assertThat(h.new Client(CoreHarness.udpClient(41200), probe).allocate().messageClass())
                .isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(errorCode(h.new Client(CoreHarness.udpClient(41201), probe).allocate())).isEqualTo(486);
    }

    @Test
    void oneClientAddressGetsAtMostItsQuotaWhateverTheUsers() throws Exception {
        CoreHarness q = new CoreHarness(CoreHarness.config().maxAllocationsPerIp(3).build());
        for (int i = 0; i < 3; i++) {
            assertThat(q.new Client(CoreHarness.udpClient(41300 + i), "user" + i).allocate().messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
        }
        assertThat(errorCode(q.new Client(CoreHarness.udpClient(41303), "user3").allocate())).isEqualTo(486);
        FiveTuple elsewhere = new FiveTuple(Transport.UDP, new InetSocketAddress("192.0.2.11", 41304),
                new InetSocketAddress("127.0.0.1", 3478));
        assertThat(q.new Client(elsewhere, "user4").allocate().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void totalCapacityAndRelayPortExhaustionGet508() throws Exception {
        CoreHarness q = new CoreHarness(CoreHarness.config().maxAllocations(1).build());
        assertThat(q.new Client(CoreHarness.udpClient(42000), "a").allocate().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(errorCode(q.new Client(CoreHarness.udpClient(42001), "b").allocate())).isEqualTo(508);

        CoreHarness noPorts = new CoreHarness(CoreHarness.config().build());
        noPorts.freeRelayPorts = 0;
        assertThat(errorCode(noPorts.new Client(CoreHarness.udpClient(42002), "c").allocate())).isEqualTo(508);
    }

    @Test
    void permissionToDeniedRangesGets403() throws Exception {
        client.allocate();
        for (String denied : new String[] {"127.0.0.2", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1",
                "224.0.0.1", "0.0.0.0", "100.64.0.1", "255.255.255.255"}) {
            assertThat(errorCode(client.permit(new InetSocketAddress(denied, 9)))).as(denied).isEqualTo(403);
        }
        assertThat(client.permit(PEER).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        // The server's own relay address (loopback in this harness) stays reachable: relay to relay.
        assertThat(client.permit(new InetSocketAddress("127.0.0.1", 60500)).messageClass())
                .isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void permissionToReservedRangesAndTheirIpv6SpellingsGets403() throws Exception {
        for (String denied : new String[] {"192.0.0.9", "192.0.2.1", "198.18.0.1", "198.19.255.254", "198.51.100.7",
                "203.0.113.5", "::ffff:192.0.2.1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::1.2.3.4",
                "2002:c000:0201::1", "::1.2.3.4", "2001:db8::1", "fe80::1", "fc00::1", "ff02::1", "::1", "::"}) {
            java.net.InetAddress ip = java.net.InetAddress.getByName(denied);
            assertThat(dev.parley.turn.internal.PeerFilter.isRestricted(ip)).as(denied).isTrue();
        }
        for (String open : new String[] {"1.2.3.4", "192.0.1.1", "198.20.0.1", "203.0.114.1", "2001:4860::8888",
                "::ffff:1.2.3.4"}) {
            assertThat(dev.parley.turn.internal.PeerFilter.isRestricted(java.net.InetAddress.getByName(open)))
                    .as(open).isFalse();
        }
        client.allocate();
        assertThat(errorCode(client.permit(new InetSocketAddress("198.18.0.1", 9)))).isEqualTo(403);
    }

    @Test
    void onTheServersOwnAddressOnlyRelayPortsAndTheSfuPortAreReachable() throws Exception {
        CoreHarness withSfu = new CoreHarness(CoreHarness.config().ownServicePorts(java.util.Set.of(40000)).build());
        CoreHarness.Client c = withSfu.new Client(tuple, "ada");
        c.allocate();
        InetSocketAddress otherService = new InetSocketAddress("127.0.0.1", 6379);

        assertThat(c.bind(0x4000, new InetSocketAddress("127.0.0.1", 40000)).messageClass())
                .as("the SFU").isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(c.bind(0x4001, new InetSocketAddress("127.0.0.1", 60500)).messageClass())
                .as("another relay").isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(errorCode(c.bind(0x4002, otherService))).as("another service of the host").isEqualTo(403);
        assertThat(c.permit(otherService).messageClass()).as("a permission is for an address").isEqualTo(
                StunClass.SUCCESS_RESPONSE);
        int sentBefore = withSfu.relays.get(0).sent.size();
        withSfu.send(tuple, sendIndication(otherService, new byte[] {1, 2, 3}));
        assertThat(withSfu.relays.get(0).sent).hasSize(sentBefore);
        assertThat(withSfu.stats.drops(DropReason.FORBIDDEN_PEER)).isEqualTo(2);
    }

    @Test
    void allowPrivatePeersAllowsLoopbackButNeverTheServersOwnPorts() throws Exception {
        CoreHarness open = new CoreHarness(CoreHarness.config().allowPrivatePeers(true).build());
        CoreHarness.Client c = open.new Client(tuple, "ada");
        c.allocate();

        assertThat(c.permit(new InetSocketAddress("127.0.0.1", 9)).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(errorCode(c.bind(0x4000, new InetSocketAddress("127.0.0.1", 3478)))).isEqualTo(403);
        assertThat(c.bind(0x4000, new InetSocketAddress("127.0.0.1", 9)).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        // Another allocation's relay address on this server: relay to relay is how two relayed clients meet.
        assertThat(c.bind(0x4001, new InetSocketAddress("127.0.0.1", 60500)).messageClass())
                .isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void sendIndicationIsRelayedOnlyWithAPermission() throws Exception {
        client.allocate();
        byte[] send = sendIndication(PEER, new byte[] {1, 2, 3});

        h.send(tuple, send);
        assertThat(h.relays.get(0).sent).isEmpty();
        assertThat(h.stats.drops(DropReason.NO_PERMISSION)).isEqualTo(1);

        client.permit(PEER);
        h.send(tuple, send);
        assertThat(h.relays.get(0).sent).singleElement().satisfies(d -> {
            assertThat(d.peer()).isEqualTo(PEER);
            assertThat(d.data()).containsExactly(1, 2, 3);
        });
        assertThat(h.stats.packetsToPeer()).isEqualTo(1);
        assertThat(h.stats.bytesToPeer()).isEqualTo(3);
    }

    @Test
    void peerDataBecomesADataIndicationAndAfterChannelBindChannelData() throws Exception {
        client.allocate();
        client.permit(PEER);
        InetSocketAddress relay = h.relays.get(0).address;

        assertThat(h.core.onPeerDatagram(relay, PEER, new byte[] {9, 9}, 0, 2, h.now)).isEqualTo(Verdict.HANDLED);
        StunMessage indication = h.out.get(h.out.size() - 1).message();
        assertThat(indication.messageClass()).isEqualTo(StunClass.INDICATION);
        assertThat(indication.method()).isEqualTo(StunMethod.DATA);
        assertThat(XorPeerAddress.from(indication).orElseThrow().address()).isEqualTo(PEER);
        assertThat(Data.from(indication).orElseThrow().bytes()).containsExactly(9, 9);

        assertThat(client.bind(0x4001, PEER).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        h.core.onPeerDatagram(relay, PEER, new byte[] {7}, 0, 1, h.now);
        byte[] frame = h.out.get(h.out.size() - 1).packet();
        ChannelData data = ChannelData.parse(frame, 0, frame.length);
        assertThat(data.channel()).isEqualTo(0x4001);
        assertThat(data.data()).containsExactly(7);

        h.send(tuple, ChannelData.encode(0x4001, new byte[] {4, 5}, 0, 2, false));
        assertThat(h.relays.get(0).sent).last().satisfies(d -> assertThat(d.data()).containsExactly(4, 5));
        assertThat(h.stats.channels()).isEqualTo(1);
    }

    @Test
    void channelDataOverTcpIsPadded() throws Exception {
        FiveTuple tcp = new FiveTuple(Transport.TCP, tuple.client(), tuple.server());
        CoreHarness.Client c = h.new Client(tcp, "ada");
        c.allocate();
        c.bind(0x4000, PEER);
        h.core.onPeerDatagram(h.relays.get(0).address, PEER, new byte[5], 0, 5, h.now);
        assertThat(h.out.get(h.out.size() - 1).packet()).hasSize(12);
    }

    @Test
    void channelDataToAnUnboundChannelIsDropped() throws Exception {
        client.allocate();
        client.permit(PEER);

        assertThat(h.send(tuple, ChannelData.encode(0x4002, new byte[] {1}, 0, 1, false))).isNull();
        assertThat(h.relays.get(0).sent).isEmpty();
        assertThat(h.stats.drops(DropReason.NO_CHANNEL)).isEqualTo(1);
    }

    @Test
    void channelBindRejectsBadNumbersAndConflicts() throws Exception {
        client.allocate();
        assertThat(errorCode(client.bind(0x3FFF, PEER))).isEqualTo(400);
        assertThat(errorCode(client.bind(0x5000, PEER))).isEqualTo(400);
        assertThat(client.bind(0x4000, PEER).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(client.bind(0x4000, PEER).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE); // refresh
        assertThat(errorCode(client.bind(0x4000, PEER_2))).isEqualTo(400);
        assertThat(errorCode(client.bind(0x4001, PEER))).isEqualTo(400);
    }

    @Test
    void legacyChannelNumbersAreAcceptedOnlyWhenConfigured() throws Exception {
        CoreHarness legacy = new CoreHarness(CoreHarness.config().legacyChannelNumbers(true).build());
        CoreHarness.Client c = legacy.new Client(tuple, "ada");
        c.allocate();
        assertThat(c.bind(0x7546, PEER).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        legacy.send(tuple, ChannelData.encode(0x7546, new byte[] {1}, 0, 1, false));
        assertThat(legacy.relays.get(0).sent).hasSize(1);

        client.allocate();
        assertThat(errorCode(client.bind(0x7546, PEER))).isEqualTo(400);
    }

    @Test
    void permissionExpiresAfter300Seconds() throws Exception {
        client.allocate();
        client.permit(PEER);
        InetSocketAddress relay = h.relays.get(0).address;
        h.advance(Duration.ofSeconds(299));
        assertThat(h.core.onPeerDatagram(relay, PEER, new byte[1], 0, 1, h.now)).isEqualTo(Verdict.HANDLED);

        h.advance(Duration.ofSeconds(1));
        assertThat(h.core.onPeerDatagram(relay, PEER, new byte[1], 0, 1, h.now)).isEqualTo(Verdict.DROPPED);
        assertThat(h.stats.permissions()).isEqualTo(1);
        h.core.expire(h.now);
        assertThat(h.stats.permissions()).isZero();
    }

    @Test
    void channelExpiresAfter600SecondsEvenWhenThePermissionIsRefreshed() throws Exception {
        client.allocate();
        client.bind(0x4000, PEER);
        h.advance(Duration.ofSeconds(290));
        client.permit(PEER);
        client.refresh(600);
        h.advance(Duration.ofSeconds(290));
        client.permit(PEER);
        h.advance(Duration.ofSeconds(19));
        byte[] frame = ChannelData.encode(0x4000, new byte[] {1}, 0, 1, false);
        h.send(tuple, frame);
        assertThat(h.relays.get(0).sent).hasSize(1);

        h.advance(Duration.ofSeconds(1));
        h.send(tuple, frame);
        assertThat(h.relays.get(0).sent).hasSize(1);
        assertThat(h.stats.drops(DropReason.NO_CHANNEL)).isEqualTo(1);
        h.core.expire(h.now);
        assertThat(h.stats.channels()).isZero();
    }

    @Test
    void allocationExpiresAfterItsLifetimeAndItsRelayIsClosed() throws Exception {
        client.allocate();
        client.permit(PEER);
        h.advance(Duration.ofSeconds(599));
        h.core.expire(h.now);
        assertThat(h.core.allocationCount()).isEqualTo(1);

        h.advance(Duration.ofSeconds(1));
        h.core.expire(h.now);

        assertThat(h.core.allocationCount()).isZero();
        assertThat(h.relays.get(0).closed).isTrue();
        assertThat(h.stats.allocations()).isZero();
        assertThat(h.stats.permissions()).isZero();
        assertThat(h.stats.allocationsDeleted()).isEqualTo(1);
        assertThat(errorCode(client.refresh(600))).isEqualTo(437);
    }

    @Test
    void refreshExtendsClampedToTheMaximumAndZeroDeletes() throws Exception {
        client.allocate(new Lifetime(100_000));
        assertThat(Lifetime.from(client.refresh(100_000)).orElseThrow().seconds()).isEqualTo(3600);
        h.advance(Duration.ofSeconds(3599));
        h.core.expire(h.now);
        assertThat(h.core.allocationCount()).isEqualTo(1);

        StunMessage deleted = client.refresh(0);

        assertThat(Lifetime.from(deleted).orElseThrow().seconds()).isZero();
        assertThat(h.core.allocationCount()).isZero();
        assertThat(h.relays.get(0).closed).isTrue();
    }

    @Test
    void anotherUserOnTheSameTupleGets441() throws Exception {
        client.allocate();
        CoreHarness.Client mallory = h.new Client(tuple, "mallory");
        assertThat(errorCode(mallory.refresh(600))).isEqualTo(441);
    }

    @Test
    void bandwidthCapDropsWhatExceedsTheBudget() throws Exception {
        CoreHarness capped = new CoreHarness(CoreHarness.config().bandwidthBytesPerSecond(1000).build());
        CoreHarness.Client c = capped.new Client(tuple, "ada");
        c.allocate();
        c.permit(PEER);
        byte[] send = sendIndication(PEER, new byte[600]);

        capped.send(tuple, send);
        capped.send(tuple, send);
        assertThat(capped.relays.get(0).sent).hasSize(1);
        assertThat(capped.stats.drops(DropReason.BANDWIDTH)).isEqualTo(1);

        capped.advance(Duration.ofMillis(500));
        capped.send(tuple, send);
        assertThat(capped.relays.get(0).sent).hasSize(2);
    }

    @Test
    void garbageIsCountedAndMarkedMalformed() {
        assertThat(h.core.onClientPacket(tuple, new byte[] {(byte) 0x80, 1, 2, 3}, 0, 4, h.now)).isEqualTo(Verdict.MALFORMED);
        assertThat(h.core.onClientPacket(tuple, new byte[] {0, 1, 0, 4}, 0, 4, h.now)).isEqualTo(Verdict.MALFORMED);
        assertThat(h.core.onClientPacket(tuple, new byte[] {0x40, 0, 0, 9}, 0, 4, h.now)).isEqualTo(Verdict.MALFORMED);
        assertThat(h.stats.drops(DropReason.NOT_STUN)).isEqualTo(1);
        assertThat(h.stats.drops(DropReason.MALFORMED)).isEqualTo(2);
        assertThat(h.out).isEmpty();
    }

    @Test
    void dataFromPeersWithoutAllocationOrPermissionIsDropped() throws Exception {
        assertThat(h.core.onPeerDatagram(new InetSocketAddress("127.0.0.1", 1), PEER, new byte[1], 0, 1, h.now))
                .isEqualTo(Verdict.DROPPED);
        client.allocate();
        assertThat(h.core.onPeerDatagram(h.relays.get(0).address, PEER, new byte[1], 0, 1, h.now))
                .isEqualTo(Verdict.DROPPED);
        assertThat(h.stats.drops(DropReason.NO_ALLOCATION)).isEqualTo(1);
        assertThat(h.stats.drops(DropReason.NO_PERMISSION)).isEqualTo(1);
    }

    @Test
    void closingAStreamConnectionDeletesItsAllocation() throws Exception {
        FiveTuple tcp = new FiveTuple(Transport.TCP, tuple.client(), tuple.server());
        h.new Client(tcp, "ada").allocate();
        h.core.onClientClosed(tcp);
        assertThat(h.core.allocationCount()).isZero();
        assertThat(h.relays.get(0).closed).isTrue();
    }

    private static byte[] sendIndication(InetSocketAddress peer, byte[] data) {
        return StunMessage.builder(StunClass.INDICATION, StunMethod.SEND, TransactionId.random())
                .add(new XorPeerAddress(peer)).add(new Data(data)).build();
    }
}
