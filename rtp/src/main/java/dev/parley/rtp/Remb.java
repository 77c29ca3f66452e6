package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * REMB: receiver estimated maximum bitrate, an application-layer feedback message: PT 206, FMT 15 with the
 * identifier "REMB" (draft-alvestrand-rmcat-remb-03 §2.2). FCI:
 * {@code 'R' 'E' 'M' 'B' | num SSRC (8) | BR exp (6) | BR mantissa (18) | SSRC feedback × num}. The bitrate is
 * mantissa × 2^exp bits per second.
 *
 * @param senderSsrc source of the estimate
 * @param bitrate estimated maximum bitrate in bits per second
 * @param ssrcs the media sources the estimate applies to
 */
public record Remb(long senderSsrc, long bitrate, List<Long> ssrcs) implements RtcpPacket {

    public static final int FMT = 15;
    /** ASCII "REMB", the unique identifier that tells REMB from other FMT 15 messages. */
    public static final int IDENTIFIER = 0x52454D42;
    private static final int FIXED = 20;

    public Remb {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("at most 255 SSRCs: " + ssrcs.size());
        }
        if (bitrate < 0 || bitrate > 0x3FFFFL << 63 - 18) {
            throw new IllegalArgumentException("bitrate out of range: " + bitrate);
        }
    }

    /** Whether the application-layer FCI at {@code b[off + 12]} starts with "REMB". */
    static boolean isRemb(byte[] b, int off, int contentLength) {
        return contentLength >= 16 && Bytes.u32(b, off + 12) == IDENTIFIER;
    }

    static Remb parse(byte[] b, int off, int contentLength) throws RtpParseException {
        if (contentLength < FIXED) {
            throw new RtpParseException(Reason.TRUNCATED, "REMB of " + contentLength + " bytes");
        }
        int count = Bytes.u8(b, off + 16);
        if (FIXED + 4 * count > contentLength) {
            throw new RtpParseException(Reason.BAD_LENGTH, "REMB lists " + count + " SSRCs in " + contentLength);
        }
        int exp = Bytes.u8(b, off + 17) >>> 2;
        long mantissa = Bytes.u24(b, off + 17) & 0x3FFFF;
        if (exp > 63 - 18) {
            throw new RtpParseException(Reason.BAD_FIELD, "REMB exponent " + exp + " overflows 64 bits");
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(Bytes.u32(b, off + FIXED + 4 * i));
        }
        return new Remb(Bytes.u32(b, off + 4), mantissa << exp, ssrcs);
    }

    @Override
    public int encodedLength() {
        return FIXED + 4 * ssrcs.size();
    }

    @Override
    public int encode(byte[] out, int off) {
        int length = encodedLength();
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(FMT, RtcpHeader.PSFB, length, out, off);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, 0); // media source unused: the SSRCs are listed in the FCI
        Bytes.put32(out, off + 12, IDENTIFIER);
        int exp = 0;
        long mantissa = bitrate;
        while (mantissa > 0x3FFFF) { // smallest exponent that fits 18 bits; rounds down, never over-reports
            mantissa >>>= 1;
            exp++;
        }
        Bytes.put8(out, off + 16, ssrcs.size());
        Bytes.put24(out, off + 17, (exp << 18) | (int) mantissa);
        for (int i = 0; i < ssrcs.size(); i++) {
            Bytes.put32(out, off + FIXED + 4 * i, ssrcs.get(i));
        }
        return length;
    }
}
