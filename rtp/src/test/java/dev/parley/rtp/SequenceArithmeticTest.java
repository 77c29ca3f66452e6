package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wraparound of 16-bit sequence numbers and 32-bit timestamps. */
class SequenceArithmeticTest {

    @Test
    void sequenceZeroIsNewerThan65535() {
        assertThat(SequenceNumbers.isNewer(0, 65535)).isTrue();
        assertThat(SequenceNumbers.isNewer(65535, 0)).isFalse();
        assertThat(SequenceNumbers.diff(0, 65535)).isEqualTo(1);
        assertThat(SequenceNumbers.diff(65535, 0)).isEqualTo(-1);
    }

    @Test
    void sequenceDiffTakesTheShorterWayRound() {
        assertThat(SequenceNumbers.diff(10, 65530)).isEqualTo(16);
        assertThat(SequenceNumbers.diff(32767, 0)).isEqualTo(32767);
        assertThat(SequenceNumbers.diff(32768, 0)).isEqualTo(-32768);
        assertThat(SequenceNumbers.isNewer(5, 5)).isFalse();
    }

    @Test
    void sequenceAddWraps() {
        assertThat(SequenceNumbers.add(65535, 1)).isZero();
        assertThat(SequenceNumbers.add(0, -1)).isEqualTo(65535);
        assertThat(SequenceNumbers.newest(65534, 2)).isEqualTo(2);
    }

    @Test
    void timestampDiffWrapsAt2To32() {
        assertThat(Timestamps.diff(10, 0xFFFF_FFF0L)).isEqualTo(26);
        assertThat(Timestamps.diff(0xFFFF_FFF0L, 10)).isEqualTo(-26);
        assertThat(Timestamps.isNewer(0, 0xFFFF_FFFFL)).isTrue();
        assertThat(Timestamps.add(0xFFFF_FFFFL, 2)).isEqualTo(1);
        assertThat(Timestamps.diff(0x8000_0000L, 0)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void extendedSequenceCountsCyclesAcrossWraps() {
        ExtendedSequenceNumber ext = new ExtendedSequenceNumber();
        assertThat(ext.extend(65534)).isEqualTo(65534);
        assertThat(ext.extend(65535)).isEqualTo(65535);
        assertThat(ext.extend(0)).isEqualTo(65536);
        assertThat(ext.extend(1)).isEqualTo(65537);
        assertThat(ext.cycles()).isEqualTo(1);
    }

    @Test
    void packetReorderedAcrossTheWrapKeepsThePreviousCycle() {
        ExtendedSequenceNumber ext = new ExtendedSequenceNumber();
        ext.extend(65535);
        ext.extend(1);
        assertThat(ext.extend(65534)).isEqualTo(65534);
        assertThat(ext.extend(0)).isEqualTo(65536);
        assertThat(ext.highest()).isEqualTo(65537);
    }

    @Test
    void peekDoesNotAdvance() {
        ExtendedSequenceNumber ext = new ExtendedSequenceNumber();
        assertThat(ext.peek(3)).isEqualTo(3);
        assertThat(ext.highest()).isEqualTo(-1);
        ext.extend(65000);
        assertThat(ext.peek(100)).isEqualTo(65536 + 100);
        assertThat(ext.highest()).isEqualTo(65000);
    }

    @Test
    void manyWrapsAccumulate() {
        ExtendedSequenceNumber ext = new ExtendedSequenceNumber();
        long last = 0;
        for (int i = 0; i < 5 * 65536; i += 1000) {
            last = ext.extend(i & 0xFFFF);
        }
        assertThat(last).isEqualTo(327000);
        assertThat(ext.cycles()).isEqualTo(4);
    }
}
