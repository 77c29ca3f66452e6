package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.GenericNack;
import dev.parley.rtp.RtcpPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A participant who holds valid keys and credentials, and uses them against the SFU and the others. */
class SfuEngineAbuseTest {

    private EngineHarness h;
    private EngineHarness.Client alice;
    private EngineHarness.Client bob;

    @BeforeEach
    void room() {
        h = new EngineHarness(50);
        alice = h.join("r", "alice");
        bob = h.join("r", "bob");
    }

    @Test
    void aNackNamingOnePacketAHundredAndTwentyTimesResendsItOnce() {
        alice.publish(10);
        long section = bob.ssrcOf(alice, Source.CAMERA);
        int seq = bob.sequencesBySsrc.get(section).get(4);
        GenericNack nack = GenericNack.of(0x55L, section, List.of(seq));
        List<RtcpPacket> compound = Collections.nCopies(120, nack); // about 2 KB, as one SRTCP packet
        int toBobBefore = Collections.frequency(h.sentTo, bob.address);

        bob.sendRtcp(compound);

        assertThat(h.metrics.retransmissions()).isEqualTo(1);
        assertThat(h.metrics.drops(DropReason.NACK_LIMITED)).isEqualTo(119);
        assertThat(Collections.frequency(h.sentTo, bob.address) - toBobBefore).isEqualTo(1);
    }

    @Test
    void aPacketNackedAgainAfterARoundTripIsResentAgain() {
        alice.publish(10);
        long section = bob.ssrcOf(alice, Source.CAMERA);
        int seq = bob.sequencesBySsrc.get(section).get(4);
        List<RtcpPacket> nack = List.of(GenericNack.of(0x55L, section, List.of(seq)));

        bob.sendRtcp(nack);
        h.advance(50);
        bob.sendRtcp(nack);
        assertThat(h.metrics.retransmissions()).as("within 100 ms").isEqualTo(1);
        h.advance(60);
        bob.sendRtcp(nack);

        assertThat(h.metrics.retransmissions()).isEqualTo(2);
    }

    @Test
    void retransmissionsToOneSubscriberStayWithinItsBudget() {
        alice.publish(400);
        long section = bob.ssrcOf(alice, Source.CAMERA);
        List<Integer> all = bob.sequencesBySsrc.get(section);
        List<RtcpPacket> nacks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 100) {
            nacks.add(GenericNack.of(0x55L, section, all.subList(i, Math.min(all.size(), i + 100))));
        }

        bob.sendRtcp(nacks);

        assertThat(h.metrics.retransmissions()).isEqualTo(Peer.RETRANSMISSION_BURST);
        assertThat(h.metrics.drops(DropReason.NACK_LIMITED)).isEqualTo(400 - Peer.RETRANSMISSION_BURST);
        h.advance(1000);
        bob.sendRtcp(List.of(GenericNack.of(0x55L, section, all.subList(0, 150))));
        assertThat(h.metrics.retransmissions()).as("a second refills %d", Peer.RETRANSMISSIONS_PER_SECOND)
                .isEqualTo(Peer.RETRANSMISSION_BURST + Peer.RETRANSMISSIONS_PER_SECOND);
    }

    @Test
    void aCheckFromAForgedSourceDoesNotSendMediaThere() throws Exception {
        EngineHarness.Client mallory = h.join("r", "mallory");
        InetSocketAddress victim = new InetSocketAddress(InetAddress.getByName("10.98.0.1"), 9);

        mallory.checkFrom(victim);
        int toVictimAfterCheck = Collections.frequency(h.sentTo, victim);
        alice.publish(20);
        bob.publish(20);

        assertThat(toVictimAfterCheck).as("the check's response").isEqualTo(1);
        assertThat(Collections.frequency(h.sentTo, victim)).as("nothing after it").isEqualTo(1);
        assertThat(mallory.videoFrom(alice)).as("mallory still gets media where it really is").isEqualTo(20);
    }

    @Test
    void aCheckFromAnotherParticipantsAddressDoesNotTakeItsMedia() {
        EngineHarness.Client mallory = h.join("r", "mallory");

        mallory.checkFrom(alice.address);
        bob.publish(10);

        assertThat(h.metrics.drops(DropReason.ADDRESS_IN_USE)).isEqualTo(1);
        assertThat(alice.videoFrom(bob)).isEqualTo(10);
        assertThat(mallory.videoFrom(bob)).isEqualTo(10);
        assertThat(alice.undecryptable).as("alice got nothing under mallory's keys").isZero();
    }

    @Test
    void checksFromManyAddressesRouteAtMostTheAgentsCap() throws Exception {
        for (int i = 1; i <= 200; i++) {
            bob.checkFrom(new InetSocketAddress(InetAddress.getByName("10.97.0." + (i % 250 + 1)), 1000 + i));
        }
        alice.publish(5);

        assertThat(h.engine.addressCount()).isLessThanOrEqualTo(1 + PeerRoutes.MAX_ADDRESSES);
        assertThat(bob.videoFrom(alice)).as("bob's media address is kept").isEqualTo(5);
    }

    @Test
    void aHandshakeCompletesEvenWhileTheTaskQueueRefusesEverything() {
        h.tasksRefused = true;
        EngineHarness.Client carol = h.join("r", "carol");
        bob.publish(3);

        assertThat(h.metrics.connectedTransports()).isEqualTo(3);
        assertThat(carol.videoFrom(bob)).isEqualTo(3);
    }

    @Test
    void aBugOnTheWayToOneSubscriberCostsTheOthersNothing() {
        EngineHarness.Client carol = h.join("r", "carol");
        h.failingDestinations.add(alice.address);

        bob.publish(10);

        assertThat(carol.videoFrom(bob)).isEqualTo(10);
        assertThat(h.metrics.drops(DropReason.INTERNAL_ERROR)).isEqualTo(11); // 10 video and 1 audio to alice
        assertThat(h.metrics.drops(DropReason.MALFORMED)).isZero();
        h.failingDestinations.clear();
        bob.publish(1);
        assertThat(alice.videoFrom(bob)).isEqualTo(1);
    }
}
