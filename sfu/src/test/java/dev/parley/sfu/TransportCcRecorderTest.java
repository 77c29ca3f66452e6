package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.RtcpCompound;
import dev.parley.rtp.RtcpPacket;
import dev.parley.rtp.TransportCcFeedback;
import dev.parley.rtp.TransportCcFeedback.PacketStatus;
import dev.parley.rtp.TransportCcFeedback.Symbol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transport-cc feedback from recorded arrivals (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). */
class TransportCcRecorderTest {

    private static final long T0 = 1_000_000_000L; // µs; 15,625 reference units of 64 ms

    private final TransportCcRecorder recorder = new TransportCcRecorder();

    /** Encodes and parses back, so every feedback checked here is one that goes on the wire. */
    private static TransportCcFeedback wire(TransportCcFeedback fb) throws Exception {
        byte[] out = new byte[fb.encodedLength()];
        fb.encode(out, 0);
        List<RtcpPacket> parsed = RtcpCompound.parse(out, 0, out.length);
        assertThat(parsed).singleElement().isEqualTo(fb);
        return (TransportCcFeedback) parsed.get(0);
    }

    @Test
    void packetsInOrderAreDescribedWithTheirDeltasFromTheReferenceTime() throws Exception {
        for (int i = 0; i < 5; i++) {
            recorder.record(100 + i, T0 + 5_000 + 1_000L * i); // 5 ms after a reference unit, then 1 ms apart
        }
        List<TransportCcFeedback> feedback = recorder.takeFeedback(7, 9);

        TransportCcFeedback fb = wire(feedback.getFirst());
        assertThat(feedback).hasSize(1);
        assertThat(fb.baseSequence()).isEqualTo(100);
        assertThat(fb.referenceTimeMicros()).isEqualTo(T0);
        assertThat(fb.feedbackPacketCount()).isZero();
        assertThat(fb.packets()).extracting(PacketStatus::deltaTicks).containsExactly(20, 4, 4, 4, 4);
        assertThat(fb.packets()).extracting(PacketStatus::symbol).containsOnly(Symbol.SMALL_DELTA);
        assertThat(recorder.takeFeedback(7, 9)).as("each packet is described once").isEmpty();
    }

    @Test
    void aMissingPacketIsReportedNotReceivedAndFeedbackCountsUp() throws Exception {
        recorder.record(1, T0);
        recorder.takeFeedback(7, 9);
        recorder.record(2, T0 + 10_000);
        recorder.record(4, T0 + 30_000);

        TransportCcFeedback fb = wire(recorder.takeFeedback(7, 9).getFirst());

        assertThat(fb.baseSequence()).isEqualTo(2);
        assertThat(fb.feedbackPacketCount()).isEqualTo(1);
        assertThat(fb.packets()).extracting(PacketStatus::sequenceNumber).containsExactly(2, 3, 4);
        assertThat(fb.packets()).extracting(PacketStatus::symbol)
                .containsExactly(Symbol.SMALL_DELTA, Symbol.NOT_RECEIVED, Symbol.SMALL_DELTA);
        assertThat(fb.packets().get(2).deltaTicks()).isEqualTo(80); // 20 ms after packet 2
    }

    @Test
    void sequenceNumbersWrapAndAReorderedPacketGetsANegativeDelta() throws Exception {
        recorder.record(65534, T0);
        recorder.record(0, T0 + 2_000);
        recorder.record(65535, T0 + 1_000); // arrived after 0: reordered

        TransportCcFeedback fb = wire(recorder.takeFeedback(7, 9).getFirst());

        assertThat(fb.baseSequence()).isEqualTo(65534);
        assertThat(fb.packets()).extracting(PacketStatus::sequenceNumber).containsExactly(65534, 65535, 0);
        assertThat(fb.packets()).extracting(PacketStatus::deltaTicks).containsExactly(0, 4, 4);
        recorder.record(1, T0 + 3_000);
        recorder.record(2, T0 + 2_500); // 500 µs before the packet sent before it
        assertThat(wire(recorder.takeFeedback(7, 9).getFirst()).packets()).containsExactly(
                new PacketStatus(1, Symbol.SMALL_DELTA, 12), new PacketStatus(2, Symbol.LARGE_DELTA, -2));
    }

    @Test
    void aPacketThatArrivesAfterItsFeedbackIsIgnored() {
        recorder.record(10, T0);
        recorder.record(12, T0 + 1_000);
        recorder.takeFeedback(7, 9); // 11 reported lost
        recorder.record(11, T0 + 2_000);

        assertThat(recorder.takeFeedback(7, 9)).isEmpty();
    }

    @Test
    void aDeltaBeyondTwoBytesStartsANewFeedback() throws Exception {
        recorder.record(5, T0);
        recorder.record(6, T0 + 9_000_000); // 9 s later: 36,000 ticks, beyond a signed 16-bit delta

        List<TransportCcFeedback> feedback = recorder.takeFeedback(7, 9);

        assertThat(feedback).hasSize(2);
        assertThat(wire(feedback.get(0)).packets()).hasSize(1);
        assertThat(wire(feedback.get(1)).baseSequence()).isEqualTo(6);
        assertThat(feedback.get(1).referenceTimeMicros() - feedback.get(0).referenceTimeMicros())
                .isBetween(8_900_000L, 9_000_000L);
    }

    @Test
    void manyPacketsAreSplitSoEachFeedbackStaysSmall() throws Exception {
        for (int i = 0; i < 1000; i++) {
            recorder.record(i, T0 + 100L * i);
        }
        List<TransportCcFeedback> feedback = recorder.takeFeedback(7, 9);

        assertThat(feedback).hasSize(3);
        assertThat(feedback).extracting(f -> f.packets().size()).containsExactly(400, 400, 200);
        for (TransportCcFeedback fb : feedback) {
            assertThat(fb.encodedLength()).isLessThan(1200);
            wire(fb);
        }
    }

    @Test
    void aJumpBeyondTheWindowReportsOnlyTheWindow() {
        recorder.record(0, T0);
        recorder.record(30_000, T0 + 1_000);

        List<TransportCcFeedback> feedback = recorder.takeFeedback(7, 9);
        int described = feedback.stream().mapToInt(f -> f.packets().size()).sum();

        assertThat(described).isEqualTo(TransportCcRecorder.WINDOW);
        assertThat(feedback.getLast().packets().getLast().sequenceNumber()).isEqualTo(30_000);
    }
}
