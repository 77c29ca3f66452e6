package dev.parley.sfu;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time the media loop spends on one RTP/RTCP datagram, from the end of its {@code receive} to the last {@code send}
 * of its copies, in fixed buckets (cumulative, as a Prometheus histogram exposes them). Written by the loop, read by
 * any thread.
 */
public final class LatencyHistogram {

    /** Upper bounds of the buckets, in seconds; a last, unbounded bucket catches the rest. */
    public static final double[] BOUNDS_SECONDS = {25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
        }
    }

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_SECONDS.length + 1);
    private final LongAdder sumNanos = new LongAdder();

    void record(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        sumNanos.add(nanos);
    }

    /** Datagrams that took at most {@code BOUNDS_SECONDS[index]} (index = length: all of them). */
    public long cumulativeCount(int index) {
        long n = 0;
        for (int i = 0; i <= index; i++) {
            n += buckets.get(i);
        }
        return n;
    }

    public long count() {
        return cumulativeCount(BOUNDS_SECONDS.length);
    }

    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
