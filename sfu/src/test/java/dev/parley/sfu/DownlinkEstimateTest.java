package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The downlink estimate on a simulated link: each 500 ms the SFU sends what the publishers send, capped at the
 * estimate as the SFU asks them to be; the link delivers at most its rate and the rest is lost; the receiver report
 * says so.
 */
class DownlinkEstimateTest {

    private static final long HALF_SECOND = 500_000_000L;
    /** What the publishers would send uncapped. */
    private static final long OFFERED_BPS = 2_500_000;

    private final DownlinkEstimate estimate = new DownlinkEstimate();
    private long now;
    private long bytes;

    /** One report interval over a link of {@code linkBps}; returns the estimate after it. */
    private long interval(long linkBps) {
        long sending = Math.min(OFFERED_BPS, estimate.bps());
        now += HALF_SECOND;
        bytes += sending * HALF_SECOND / 8_000_000_000L;
        double loss = sending <= linkBps ? 0 : 1 - (double) linkBps / sending;
        estimate.onReport((int) Math.min(255, Math.round(loss * 256)), bytes, now);
        return estimate.bps();
    }

    @Test
    void aFastLinkStaysUnconstrained() {
        for (int i = 0; i < 20; i++) {
            interval(10_000_000);
        }
        assertThat(estimate.constrained()).isFalse();
    }

    @Test
    void aStepFrom2500To500KbitIsTrackedWithinFiveSecondsAndTheEstimateClimbsBackAfter() {
        for (int i = 0; i < 10; i++) {
            interval(2_500_000);
        }
        assertThat(estimate.constrained()).as("2.5 Mbit/s carries what is sent").isFalse();

        long tracked = -1;
        for (int i = 1; i <= 10; i++) { // 5 s at 500 kbit/s
            long e = interval(500_000);
            if (tracked < 0 && e <= 600_000) {
                tracked = i * 500L;
            }
        }
        assertThat(tracked).as("ms until the estimate is within 20 % of 500 kbit/s").isBetween(0L, 5_000L);
        assertThat(estimate.bps()).isBetween(DownlinkEstimate.FLOOR_BPS, 600_000L);
        for (int i = 0; i < 20; i++) { // 10 s more on the slow link: it stays there
            interval(500_000);
        }
        assertThat(estimate.bps()).isBetween(350_000L, 600_000L);

        long low = estimate.bps();
        for (int i = 0; i < 20; i++) { // the link recovers for 10 s
            interval(2_500_000);
        }
        assertThat(estimate.bps()).as("climbing back, 8 % a second").isGreaterThan(low * 2);
        for (int i = 0; i < 200; i++) {
            interval(2_500_000);
        }
        assertThat(estimate.bps()).as("back above what the publishers send").isGreaterThanOrEqualTo(OFFERED_BPS);
    }

    @Test
    void moderateLossHoldsTheEstimate() {
        interval(2_500_000);
        estimate.onReport(128, bytes + 100_000, now + HALF_SECOND); // 50 %: a cut
        long afterCut = estimate.bps();
        estimate.onReport(13, bytes + 200_000, now + 2 * HALF_SECOND + 5 * HALF_SECOND); // 5 %: hold

        assertThat(estimate.bps()).isEqualTo(afterCut);
    }
}
