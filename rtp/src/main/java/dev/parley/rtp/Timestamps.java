package dev.parley.rtp;

/**
 * Arithmetic on 32-bit RTP timestamps, which wrap at 2^32 (RFC 3550 §5.1). Values are carried in a {@code long}
 * holding the unsigned 32-bit number. Stateless.
 */
public final class Timestamps {

    private Timestamps() {}

    /** Signed distance from {@code b} to {@code a} in [-2^31, 2^31): positive when {@code a} is later. */
    public static long diff(long a, long b) {
        return (int) (a - b);
    }

    public static boolean isNewer(long a, long b) {
        return diff(a, b) > 0;
    }

    /** {@code ts + delta} modulo 2^32. */
    public static long add(long ts, long delta) {
        return (ts + delta) & 0xFFFF_FFFFL;
    }
}
