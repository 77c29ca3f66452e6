package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.ReceiverReport;
import dev.parley.rtp.Remb;
import dev.parley.rtp.ReportBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A subscriber whose reports show loss caps the publishers it receives with REMB; the cap lifts once it recovers. */
class PublisherCapsTest {

    private static List<Remb> rembs(EngineHarness.Client c) {
        return c.rtcpReceived.stream().filter(Remb.class::isInstance).map(Remb.class::cast).toList();
    }

    /** Bob reports {@code fraction}/256 lost for what he receives of Ada's and Cleo's cameras. */
    private static void report(EngineHarness.Client bob, List<EngineHarness.Client> from, int fraction) {
        List<ReportBlock> blocks = from.stream()
                .map(p -> new ReportBlock(bob.ssrcOf(p, Source.CAMERA), fraction, 0, 0, 0, 0, 0)).toList();
        bob.sendRtcp(List.of(new ReceiverReport(0x77L, blocks)));
    }

    @Test
    void aLossySubscriberCapsWhatItsPublishersSendAndTheCapLiftsWhenItRecovers() {
        EngineHarness h = new EngineHarness(50);
        EngineHarness.Client ada = h.join("r", "ada");
        EngineHarness.Client bob = h.join("r", "bob");
        EngineHarness.Client cleo = h.join("r", "cleo");
        List<EngineHarness.Client> publishers = List.of(ada, cleo);
        for (int second = 0; second < 3; second++) {
            ada.publish(100); // about 120 kB a second each: roughly 1 Mbit/s to bob from each
            cleo.publish(100);
            report(bob, publishers, 0);
            h.advance(1000);
            h.tick();
        }
        assertThat(rembs(ada)).as("no loss: no cap").isEmpty();

        for (int second = 0; second < 3; second++) {
            ada.publish(100);
            cleo.publish(100);
            report(bob, publishers, 154); // 60 % lost
            h.advance(1000);
            h.tick();
        }
        Remb cap = rembs(ada).getLast();
        long share = PublisherCaps.share(bob.peerForTests(h));
        assertThat(cap.bitrate()).isEqualTo(Math.max(PublisherCaps.MIN_VIDEO_BPS, share) + PublisherCaps.AUDIO_BPS);
        assertThat(cap.bitrate()).as("well under what bob was sent").isLessThan(1_000_000);
        assertThat(cap.ssrcs()).contains(ada.videoSsrc);
        assertThat(rembs(cleo).getLast().bitrate()).isEqualTo(cap.bitrate());
        assertThat(rembs(bob)).as("nobody who receives bob is constrained").isEmpty();

        for (int second = 0; second < 120; second++) { // bob's link recovers: 8 % a second, until unconstrained
            ada.publish(1);
            report(bob, publishers, 0);
            h.advance(1000);
            h.tick();
        }
        assertThat(rembs(ada).getLast().bitrate()).as("the cap is lifted")
                .isEqualTo(DownlinkEstimate.UNCONSTRAINED_BPS);
    }
}
