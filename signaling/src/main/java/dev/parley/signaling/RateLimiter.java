package dev.parley.signaling;

/**
 * Token bucket: {@code rate} tokens per second, at most {@code burst} saved up. Time is passed in (nanoseconds from
 * any fixed origin), so it is deterministic in tests. Not thread-safe: owned by one session.
 */
public final class RateLimiter {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(double ratePerSecond, int burst, long nowNanos) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - last);
        last = nowNanos;
        tokens = Math.min(burst, tokens + elapsed * ratePerNano);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
