package dev.parley.sfu;

/**
 * When each recent packet of one downstream section was last resent, so a NACK repeating a sequence number
 * (within one compound packet or across several) resends it at most once per {@link #MIN_INTERVAL_NANOS}, as
 * mediasoup's {@code RtpStreamSend} resends at most once per round trip. Preallocated, indexed like the
 * {@link PacketCache} it guards. Not thread-safe: owned by the media loop.
 */
final class ResendHistory {

    /**
     * A browser NACKs a packet again after about one round trip without it (libwebrtc's {@code NackRequester}); the
     * SFU does not know the subscriber's round trip yet, so it uses mediasoup's default for an unknown RTT, 100 ms:
     * a real second request is honoured, a list naming the same packet a hundred times is not.
     */
    static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final int[] sequences;
    private final long[] resentAt;
    private final int mask;

    ResendHistory(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        sequences = new int[capacity];
        java.util.Arrays.fill(sequences, -1);
        resentAt = new long[capacity];
        mask = capacity - 1;
    }

    /** True (and recorded) when {@code seq} was not resent in the last {@link #MIN_INTERVAL_NANOS}. */
    boolean mayResend(int seq, long nowNanos) {
        int slot = seq & mask;
        if (sequences[slot] == seq && nowNanos - resentAt[slot] < MIN_INTERVAL_NANOS) {
            return false;
        }
        sequences[slot] = seq;
        resentAt[slot] = nowNanos;
        return true;
    }
}
