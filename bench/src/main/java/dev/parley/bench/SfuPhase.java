package dev.parley.bench;

/**
 * One load phase of the SFU benchmark as the receiving side counts it: packets sent inside
 * [{@code windowStart}, {@code windowEnd}) (the publishers' {@code System.nanoTime()}) that arrived, and their
 * latency. The counters have one writer, the receiver thread; the main thread reads them after the window and a drain
 * period.
 */
final class SfuPhase {

    final String name;
    final double ratePerPublisher;
    final long windowStart;
    final long windowEnd;
    final Latency latency = new Latency();

    /** Set when the phase's figures are taken: later arrivals are neither counted nor timed. */
    volatile boolean closed;

    /** Forwarded RTP packets sent inside the window that arrived. */
    volatile long received;
    /** Packets sent inside the window whose decryption and content were checked, and those that failed the check. */
    volatile long verified;
    volatile long verifyFailed;
    /** RTP with an SSRC no offer announced, or whose send time was no longer kept; SRTCP; anything else. */
    volatile long unknownSsrc;
    volatile long stale;
    volatile long rtcp;
    volatile long other;

    SfuPhase(String name, double ratePerPublisher, long windowStart, long windowEnd) {
        this.name = name;
        this.ratePerPublisher = ratePerPublisher;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    double windowSeconds() {
        return (windowEnd - windowStart) / 1e9;
    }
}
