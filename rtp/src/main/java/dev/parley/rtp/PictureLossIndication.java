package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;

/**
 * PLI: payload-specific feedback PT 206, FMT 1 (RFC 4585 §6.3.1). No FCI: asks the sender of {@code mediaSsrc}
 * for a keyframe.
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpPacket {

    public static final int FMT = 1;
    private static final int LENGTH = 12;

    static PictureLossIndication parse(byte[] b, int off, int contentLength) throws RtpParseException {
        if (contentLength < LENGTH) {
            throw new RtpParseException(Reason.TRUNCATED, "PLI of " + contentLength + " bytes");
        }
        return new PictureLossIndication(Bytes.u32(b, off + 4), Bytes.u32(b, off + 8));
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public int encode(byte[] out, int off) {
        Bytes.checkRange(out, off, LENGTH);
        RtcpHeader.encode(FMT, RtcpHeader.PSFB, LENGTH, out, off);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, mediaSsrc);
        return LENGTH;
    }
}
