package dev.parley.turn.internal;

/**
 * A byte budget refilled at {@code rate} bytes per second, holding at most one second's worth, so
 * a relay can burst a keyframe but not sustain more than the cap. Not thread-safe: the owning
 * allocation's monitor guards it.
 */
public final class TokenBucket {

    private final long ratePerSecond;
    private double tokens;
    private long lastMillis;

    public TokenBucket(long ratePerSecond, long nowMillis) {
        this.ratePerSecond = ratePerSecond;
        this.tokens = ratePerSecond;
        this.lastMillis = nowMillis;
    }

    /** Takes {@code bytes} if the budget allows; an unlimited bucket (rate 0) always allows. */
    public boolean take(int bytes, long nowMillis) {
        if (ratePerSecond == 0) {
            return true;
        }
        if (nowMillis > lastMillis) {
            tokens = Math.min(ratePerSecond, tokens + (nowMillis - lastMillis) * ratePerSecond / 1000.0);
            lastMillis = nowMillis;
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
