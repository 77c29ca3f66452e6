package dev.parley.sfu;

/**
 * A token bucket of packets: {@code ratePerSecond} refilled, at most {@code burst} saved up. The SFU gives each
 * subscriber one for retransmissions, so NACKs cannot make it send more than the budget however they are
 * written. Time is passed in. Not thread-safe: owned by the media loop.
 */
final class PacketBudget {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    PacketBudget(int ratePerSecond, int burst, long nowNanos) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one packet's token if there is one. */
    boolean take(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            lastNanos = nowNanos;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
