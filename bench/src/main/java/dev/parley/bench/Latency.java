package dev.parley.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in nanoseconds, recorded from many threads at once (HdrHistogram keeps three significant
 * digits, so a percentile is within 0.1% of the exact sample). Thread-safe.
 */
final class Latency {

    /** Longer than any bounded phase of the benchmark; a larger value is clamped, not lost. */
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(1, HIGHEST_NANOS, 3);

    void record(long nanos) {
        histogram.recordValue(Math.clamp(nanos, 1, HIGHEST_NANOS));
    }

    Summary summary() {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return Summary.EMPTY;
        }
        return new Summary(copy.getTotalCount(), copy.getValueAtPercentile(50), copy.getValueAtPercentile(99),
                copy.getValueAtPercentile(99.9), copy.getMaxValue());
    }

    /** Percentiles in nanoseconds; {@code count} samples. */
    record Summary(long count, long p50, long p99, long p999, long max) {
        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0);
    }
}
