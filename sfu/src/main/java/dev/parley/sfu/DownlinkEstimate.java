package dev.parley.sfu;

/**
 * What one subscriber's downlink carries, estimated from the loss its receiver reports show against what the SFU
 * sent it: the loss-based controller of GCC (draft-ietf-rmcat-gcc-02 §6), as Galène's estimator and the loss side of
 * libwebrtc's do. Above 10 % loss the estimate becomes the rate sent times {@code 1 - loss/2} (at most every
 * {@link #DECREASE_INTERVAL_NANOS}, so a cut shows its effect before the next); below 2 % it grows 8 % at most once
 * per {@link #INCREASE_INTERVAL_NANOS}, and for {@link #PROBE_HOLD_NANOS} after heavy loss not above 90 % of the
 * rate that lost (a tbf or router queue drops only once full, so running into it again costs a freeze); in between it
 * holds. Until a report shows loss the link counts as unconstrained. Pure logic, time passed in. Not thread-safe: owned by the media loop.
 */
final class DownlinkEstimate {

    /** Taken as unconstrained: more than any call the SFU forwards to one subscriber. */
    static final long UNCONSTRAINED_BPS = 20_000_000;
    /** Never estimated below this: enough for audio and one small video; the estimate can still climb from it. */
    static final long FLOOR_BPS = 150_000;
    /** About one round trip plus a report interval on a congested link (a 300 ms queue). */
    static final long DECREASE_INTERVAL_NANOS = 300_000_000L;
    /** How long after heavy loss increases stay under 90 % of the rate that lost (then probing resumes). */
    static final long PROBE_HOLD_NANOS = 10_000_000_000L;
    /** GCC's increase of 8 % is per second. */
    static final long INCREASE_INTERVAL_NANOS = 1_000_000_000L;

    private long estimate = UNCONSTRAINED_BPS;
    private long lastBytes = -1;
    private long lastReportNanos;
    private long lastChangeNanos = Long.MIN_VALUE / 2;
    private long sentBps;
    /** The rate sent when loss last went over 10 %, and when: increases stay under it for a while. */
    private long lossRateBps = Long.MAX_VALUE;
    private long lossNanos = Long.MIN_VALUE / 2;

    /**
     * A receiver report from the subscriber.
     *
     * @param fractionLost the worst fraction lost of the report's blocks (RFC 3550 §6.4.1: 0-255 for 0-100 %)
     * @param totalBytesSent bytes the SFU has sent the subscriber so far, for the rate the loss applies to
     */
    void onReport(int fractionLost, long totalBytesSent, long nowNanos) {
        if (lastBytes >= 0 && nowNanos - lastReportNanos > 0) {
            sentBps = (totalBytesSent - lastBytes) * 8_000_000_000L / (nowNanos - lastReportNanos);
        }
        lastBytes = totalBytesSent;
        lastReportNanos = nowNanos;
        double loss = fractionLost / 256.0;
        long sinceChange = nowNanos - lastChangeNanos;
        if (loss > 0.10) {
            if (sentBps > 0) {
                lossRateBps = sentBps;
            }
            lossNanos = nowNanos;
        }
        if (loss > 0.10 && sinceChange >= DECREASE_INTERVAL_NANOS) {
            long base = sentBps > 0 ? Math.min(sentBps, estimate) : estimate;
            estimate = Math.max(FLOOR_BPS, (long) (base * (1 - 0.5 * loss)));
            lastChangeNanos = nowNanos;
        } else if (loss < 0.02 && estimate < UNCONSTRAINED_BPS && sinceChange >= INCREASE_INTERVAL_NANOS) {
            long next = (long) (estimate * 1.08) + 1000;
            if (nowNanos - lossNanos < PROBE_HOLD_NANOS) {
                // The link dropped packets at lossRateBps not long ago: approach it, do not run into it again.
                next = Math.min(next, Math.max(estimate, (long) (lossRateBps * 0.9)));
            }
            estimate = Math.min(UNCONSTRAINED_BPS, next);
            lastChangeNanos = nowNanos;
        }
    }

    long bps() {
        return estimate;
    }

    boolean constrained() {
        return estimate < UNCONSTRAINED_BPS;
    }
}
