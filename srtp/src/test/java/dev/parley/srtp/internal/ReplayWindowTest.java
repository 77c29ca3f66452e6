package dev.parley.srtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void firstIndexIsFresh() {
        assertThat(new ReplayWindow(64).check(123)).isEqualTo(ReplayWindow.FRESH);
    }

    @Test
    void acceptedIndexIsReplayed() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(10);
        assertThat(window.check(10)).isEqualTo(ReplayWindow.REPLAYED);
    }

    @Test
    void missingIndexBelowTheHighestIsFresh() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(10);
        window.accept(12);
        assertThat(window.check(11)).isEqualTo(ReplayWindow.FRESH);
    }

    @Test
    void indexAWindowBehindTheHighestIsTooOld() {
        ReplayWindow window = new ReplayWindow(128);
        window.accept(1000);
        assertThat(window.check(1000 - 127)).isEqualTo(ReplayWindow.FRESH);
        assertThat(window.check(1000 - 128)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void slidingForwardForgetsBitsThatLeaveTheWindow() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(5);
        window.accept(5 + 64); // lands on the same bit as 5
        assertThat(window.check(5 + 64)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(window.check(6 + 32)).isEqualTo(ReplayWindow.FRESH);
        assertThat(window.check(5)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void smallStepsClearOnlyTheSkippedBits() {
        ReplayWindow window = new ReplayWindow(64);
        for (long i = 0; i < 200; i += 2) {
            window.accept(i);
        }
        assertThat(window.check(198)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(window.check(197)).isEqualTo(ReplayWindow.FRESH);
        assertThat(window.check(140)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(window.check(134)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void jumpLargerThanTheWindowClearsEverything() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(1);
        window.accept(1 + 64 * 10);
        assertThat(window.check(1 + 64 * 10 - 63)).isEqualTo(ReplayWindow.FRESH);
    }

    @Test
    void negativeIndexIsTooOld() {
        assertThat(new ReplayWindow(64).check(-5)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void sizeMustBeAPowerOfTwoOfAtLeast64() {
        assertThatThrownBy(() -> new ReplayWindow(32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
