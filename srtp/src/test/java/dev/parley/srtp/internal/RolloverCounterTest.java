package dev.parley.srtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3711 §3.3.1 / Appendix A index estimation around the 16-bit wrap. */
class RolloverCounterTest {

    @Test
    void firstPacketHasRolloverCounterZero() {
        assertThat(new RolloverCounter().estimate(65000)).isEqualTo(65000);
    }

    @Test
    void packetAfterTheWrapGetsTheNextRolloverCounter() {
        RolloverCounter roc = new RolloverCounter();
        roc.update(65535);
        assertThat(roc.estimate(0)).isEqualTo(1L << 16);
        assertThat(roc.estimate(100)).isEqualTo((1L << 16) + 100);
    }

    @Test
    void packetFromBeforeTheWrapKeepsThePreviousRolloverCounter() {
        RolloverCounter roc = new RolloverCounter();
        roc.set((5L << 16) + 3);
        assertThat(roc.estimate(65530)).isEqualTo((4L << 16) + 65530);
    }

    @Test
    void olderPacketDoesNotMoveTheCounterBack() {
        RolloverCounter roc = new RolloverCounter();
        roc.update((1L << 16) + 2);
        roc.update(65534);
        assertThat(roc.roc()).isEqualTo(1);
        assertThat(roc.estimate(3)).isEqualTo((1L << 16) + 3);
    }

    @Test
    void halfwayPointDecidesTheGuess() {
        RolloverCounter roc = new RolloverCounter();
        roc.update(10);
        assertThat(roc.estimate(10 + 32768)).isEqualTo(10 + 32768); // still ahead in this cycle
        assertThat(roc.estimate(10 + 32769)).isEqualTo(-(1L << 16) + 10 + 32769); // taken as the previous cycle
    }

    @Test
    void estimateNeverExceedsOneCycleAhead() {
        RolloverCounter roc = new RolloverCounter();
        roc.update(40000);
        assertThat(roc.estimate(7231)).isEqualTo((1L << 16) + 7231);
        assertThat(roc.estimate(7232)).isEqualTo(7232);
    }
}
