package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void percentilesOfUniformSamplesAreWithinHistogramPrecision() {
        Latency latency = new Latency();
        for (int ms = 1; ms <= 1000; ms++) {
            latency.record(ms * 1_000_000L);
        }

        Latency.Summary s = latency.summary();

        assertThat(s.count()).isEqualTo(1000);
        // Three significant digits: each value is within 0.1% of the exact sample.
        assertThat((double) s.p50()).isCloseTo(500e6, within(0.5e6));
        assertThat((double) s.p99()).isCloseTo(990e6, within(1e6));
        assertThat((double) s.p999()).isCloseTo(999e6, within(1e6));
        assertThat((double) s.max()).isCloseTo(1000e6, within(1e6));
    }

    @Test
    void emptyHistogramSummarisesToZeros() {
        assertThat(new Latency().summary()).isEqualTo(Latency.Summary.EMPTY);
    }

    @Test
    void outOfRangeValuesAreClampedNotLost() {
        Latency latency = new Latency();
        latency.record(-5);
        latency.record(Long.MAX_VALUE);

        Latency.Summary s = latency.summary();

        assertThat(s.count()).isEqualTo(2);
        assertThat((double) s.max()).isCloseTo(Latency.HIGHEST_NANOS, within(Latency.HIGHEST_NANOS / 1000.0));
    }

    @Test
    void reportFormatsMillisecondsWithFewerDecimalsAsTheyGrow() {
        assertThat(Report.ms(1_234_567)).isEqualTo("1.23");
        assertThat(Report.ms(12_345_678)).isEqualTo("12.3");
        assertThat(Report.ms(1_234_567_890)).isEqualTo("1,235");
    }
}
