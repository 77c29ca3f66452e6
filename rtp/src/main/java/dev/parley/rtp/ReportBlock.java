package dev.parley.rtp;

import dev.parley.rtp.internal.Bytes;

/**
 * A reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes.
 *
 * @param ssrc source this block reports on
 * @param fractionLost lost fraction since the last report, in 1/256 (0–255)
 * @param cumulativeLost packets lost since the start, a signed 24-bit value (duplicates can make it negative)
 * @param extendedHighestSequence cycles × 65536 + highest sequence number received (32 bits)
 * @param jitter interarrival jitter in timestamp units
 * @param lastSenderReport middle 32 bits of the NTP timestamp of the last SR received (LSR)
 * @param delaySinceLastSenderReport delay since that SR in 1/65536 s (DLSR)
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    public static final int LENGTH = 24;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost must be 0..255: " + fractionLost);
        }
        if (cumulativeLost < -(1 << 23) || cumulativeLost >= (1 << 23)) {
            throw new IllegalArgumentException("cumulative lost must fit 24 signed bits: " + cumulativeLost);
        }
    }

    static ReportBlock parse(byte[] b, int off) {
        return new ReportBlock(Bytes.u32(b, off), Bytes.u8(b, off + 4), Bytes.s24(b, off + 5),
                Bytes.u32(b, off + 8), Bytes.u32(b, off + 12), Bytes.u32(b, off + 16), Bytes.u32(b, off + 20));
    }

    void encode(byte[] out, int off) {
        Bytes.put32(out, off, ssrc);
        Bytes.put8(out, off + 4, fractionLost);
        Bytes.put24(out, off + 5, cumulativeLost & 0xFFFFFF);
        Bytes.put32(out, off + 8, extendedHighestSequence);
        Bytes.put32(out, off + 12, jitter);
        Bytes.put32(out, off + 16, lastSenderReport);
        Bytes.put32(out, off + 20, delaySinceLastSenderReport);
    }
}
