package dev.parley.rtp;

/**
 * Extends 16-bit sequence numbers of one stream to 64 bits by counting wraps ("cycles", RFC 3550 Appendix A.1; the
 * same idea as SRTP's rollover counter, RFC 3711 §3.3.1). Each packet is placed within ±32768 of the highest
 * sequence number seen so far, so reordered packets from before a wrap get the previous cycle.
 *
 * <p>The first packet defines cycle 0; a packet older than it across a wrap extends to a negative value. Not
 * thread-safe: one instance per stream, owned by the thread that handles the stream.
 */
public final class ExtendedSequenceNumber {

    private long highest = -1;

    /** Returns the extended value of {@code seq} and advances the highest value if it is newer. */
    public long extend(int seq) {
        seq &= 0xFFFF;
        if (highest == -1) {
            highest = seq;
            return seq;
        }
        long extended = highest + SequenceNumbers.diff(seq, (int) (highest & 0xFFFF));
        if (extended > highest) {
            highest = extended;
        }
        return extended;
    }

    /** The extended value {@code seq} would get, without recording it. */
    public long peek(int seq) {
        if (highest == -1) {
            return seq & 0xFFFF;
        }
        return highest + SequenceNumbers.diff(seq & 0xFFFF, (int) (highest & 0xFFFF));
    }

    /** Highest extended sequence number seen, or -1 before the first packet. */
    public long highest() {
        return highest;
    }

    /** Number of completed wraps of the highest sequence number (RFC 3550 A.1 "cycles"). */
    public long cycles() {
        return highest < 0 ? 0 : highest >>> 16;
    }
}
