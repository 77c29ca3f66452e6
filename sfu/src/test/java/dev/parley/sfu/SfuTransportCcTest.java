package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.TransportCcFeedback;
import dev.parley.rtp.TransportCcFeedback.PacketStatus;
import dev.parley.rtp.TransportCcFeedback.Symbol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A publisher whose packets carry transport-wide sequence numbers gets transport-cc feedback every tick. */
class SfuTransportCcTest {

    @Test
    void packetsWithTransportWideSequenceNumbersAreReportedToTheirPublisherAtTheNextTick() {
        EngineHarness h = new EngineHarness(50);
        EngineHarness.Client alice = h.join("r", "alice");
        EngineHarness.Client bob = h.join("r", "bob");
        for (int i = 0; i < 10; i++) {
            alice.publishWithTransportCc();
            h.advance(2);
        }
        bob.publish(10);
        h.tick();

        List<TransportCcFeedback> toAlice = alice.rtcpReceived.stream().filter(TransportCcFeedback.class::isInstance)
                .map(TransportCcFeedback.class::cast).toList();
        assertThat(toAlice).hasSize(1);
        TransportCcFeedback fb = toAlice.getFirst();
        assertThat(fb.baseSequence()).isZero();
        assertThat(fb.mediaSsrc()).isIn(alice.audioSsrc, alice.videoSsrc);
        assertThat(fb.packets()).hasSize(10).allMatch(PacketStatus::received);
        assertThat(fb.packets().subList(1, 10)).extracting(PacketStatus::deltaTicks).containsOnly(8); // 2 ms
        assertThat(fb.packets()).extracting(PacketStatus::symbol).containsOnly(Symbol.SMALL_DELTA);
        assertThat(bob.rtcpReceived).as("bob's packets carried none").noneMatch(TransportCcFeedback.class::isInstance);
        assertThat(h.metrics.transportCcPackets()).isEqualTo(10);
        assertThat(h.metrics.transportCcFeedbacks()).isEqualTo(1);

        h.tick();
        assertThat(alice.rtcpReceived.stream().filter(TransportCcFeedback.class::isInstance)).as("nothing new")
                .hasSize(1);
    }
}
