package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamRewriterTest {

    private final StreamRewriter rewriter = new StreamRewriter();

    private int[] send(long ssrc, int seq, long ts) {
        rewriter.source(ssrc, seq, ts);
        return new int[] {rewriter.sequence(seq), (int) rewriter.timestamp(ts)};
    }

    @Test
    void theFirstSourcePassesThroughUnchangedAcrossTheSequenceWrap() {
        assertThat(send(1, 65534, 100)).containsExactly(65534, 100);
        assertThat(send(1, 65535, 3100)).containsExactly(65535, 3100);
        assertThat(send(1, 0, 6100)).containsExactly(0, 6100);
        assertThat(send(1, 1, 9100)).containsExactly(1, 9100);
    }

    @Test
    void aNewSourceContinuesTheSequenceAndMovesTheTimestampOneStepOn() {
        send(1, 1000, 50_000);
        send(1, 1001, 53_000);
        int[] first = send(2, 40_000, 7);
        assertThat(first[0]).isEqualTo(1002);
        assertThat(first[1] & 0xffffffffL).isEqualTo(53_000 + StreamRewriter.SWITCH_TIMESTAMP_STEP);
        assertThat(send(2, 40_001, 3007)).containsExactly(1003, (int) (53_000 + StreamRewriter.SWITCH_TIMESTAMP_STEP + 3000));
    }

    @Test
    void aSwitchNearTheWrapOfBothCountersStaysContinuous() {
        send(1, 65535, 0xffff_fff0L);
        int[] first = send(2, 12, 5);
        assertThat(first[0]).isZero();
        assertThat(first[1] & 0xffffffffL).isEqualTo((0xffff_fff0L + StreamRewriter.SWITCH_TIMESTAMP_STEP) & 0xffff_ffffL);
    }

    @Test
    void aReorderedPacketKeepsItsPlaceAndDoesNotMoveTheNextSwitchBack() {
        send(1, 10, 0);
        send(1, 12, 0);
        assertThat(send(1, 11, 0)[0]).as("late packet").isEqualTo(11);
        assertThat(send(2, 500, 0)[0]).as("continues after the highest, 12").isEqualTo(13);
    }

    @Test
    void sourceSequenceUndoesTheOffsetForNacks() {
        send(1, 100, 0);
        send(2, 7, 0); // now offset: 7 -> 101
        assertThat(rewriter.sourceSequence(101)).isEqualTo(7);
        assertThat(rewriter.sourceSequence(rewriter.sequence(65535))).isEqualTo(65535);
    }
}
