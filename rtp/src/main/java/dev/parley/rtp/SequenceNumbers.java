package dev.parley.rtp;

/**
 * Arithmetic on 16-bit RTP sequence numbers, which wrap from 65535 to 0 (RFC 3550 §5.1). Comparison takes the
 * shorter way round the circle, as RFC 1982 serial-number arithmetic does: 0 is newer than 65535. Stateless.
 */
public final class SequenceNumbers {

    private SequenceNumbers() {}

    /**
     * Signed distance from {@code b} to {@code a}, in [-32768, 32767]: positive when {@code a} is newer.
     * {@code diff(0, 65535) == 1}, {@code diff(65535, 0) == -1}.
     */
    public static int diff(int a, int b) {
        return (short) (a - b);
    }

    /** Whether {@code a} comes after {@code b}, across a wrap if that is shorter. */
    public static boolean isNewer(int a, int b) {
        return diff(a, b) > 0;
    }

    /** {@code seq + delta} modulo 2^16. */
    public static int add(int seq, int delta) {
        return (seq + delta) & 0xFFFF;
    }

    /** The newer of two sequence numbers. */
    public static int newest(int a, int b) {
        return isNewer(a, b) ? a : b;
    }
}
