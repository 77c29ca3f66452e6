package dev.parley.srtp.internal;

/**
 * Tracks the SRTP packet index of one stream: the 32-bit rollover counter (ROC) and the highest sequence number
 * s_l, and estimates the index of an arriving packet (RFC 3711 §3.3.1, Appendix A). Both directions use the
 * estimate, so a sender retransmitting an old sequence number (NACK without RTX) gets that packet's own index.
 *
 * <p>Not thread-safe: owned by the thread that owns its {@code SrtpContext}.
 */
public final class RolloverCounter {

    /** RFC 3711 §3.3.1: the index is 48 bits (ROC || SEQ). */
    public static final long MAX_INDEX = (1L << 48) - 1;

    private boolean started;
    private long roc;
    private int highestSeq;

    /**
     * The index {@code seq} most probably belongs to (RFC 3711 Appendix A): the guess v of the ROC is ROC - 1,
     * ROC or ROC + 1, whichever puts the packet nearest to s_l. The first packet of a stream gets ROC 0. May
     * return -1 × 2^16 + seq (negative) for a packet from before the stream began.
     */
    public long estimate(int seq) {
        if (!started) {
            return seq;
        }
        long v;
        if (highestSeq < 32768) {
            v = seq - highestSeq > 32768 ? roc - 1 : roc;
        } else {
            v = highestSeq - 32768 > seq ? roc + 1 : roc;
        }
        return (v << 16) | seq;
    }

    /** Records a packet with {@code index} (authenticated, if receiving): advances ROC and s_l when it is newer. */
    public void update(long index) {
        if (!started || index > ((roc << 16) | highestSeq)) {
            roc = index >>> 16;
            highestSeq = (int) (index & 0xFFFF);
            started = true;
        }
    }

    public long roc() {
        return roc;
    }

    /** Sets the state as if packet {@code index} had been the newest (for tests and key continuation). */
    public void set(long index) {
        roc = index >>> 16;
        highestSeq = (int) (index & 0xFFFF);
        started = true;
    }
}
