package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;

/**
 * The 4-byte header every RTCP packet starts with (RFC 3550 §6.4.1):
 * {@code V=2 | P | count or FMT (5) | PT (8) | length (16)}, where length is the packet's size in 32-bit words
 * minus one.
 *
 * @param padding the P bit
 * @param count report count, item count or feedback message type (FMT, RFC 4585 §6.1)
 * @param packetType PT
 * @param length whole packet length in bytes, header and padding included
 */
public record RtcpHeader(boolean padding, int count, int packetType, int length) {

    public static final int LENGTH = 4;

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** RFC 4585 §6.1: transport layer feedback (generic NACK, transport-cc). */
    public static final int RTPFB = 205;
    /** RFC 4585 §6.1: payload-specific feedback (PLI, FIR, REMB). */
    public static final int PSFB = 206;

    /** Parses the header at {@code b[off]}, with {@code available} bytes left in the datagram. */
    public static RtcpHeader parse(byte[] b, int off, int available) throws RtpParseException {
        if (available < LENGTH) {
            throw new RtpParseException(Reason.TRUNCATED, "RTCP header with " + available + " bytes");
        }
        int first = b[off] & 0xFF;
        if (first >>> 6 != 2) {
            throw new RtpParseException(Reason.BAD_VERSION, "RTCP version " + (first >>> 6));
        }
        int length = 4 * (Bytes.u16(b, off + 2) + 1);
        if (length > available) {
            throw new RtpParseException(Reason.BAD_LENGTH,
                    "RTCP length " + length + " with " + available + " bytes left");
        }
        return new RtcpHeader((first & 0x20) != 0, first & 0x1F, Bytes.u8(b, off + 1), length);
    }

    /** Writes a header without padding for a packet of {@code length} bytes (a multiple of 4). */
    public static void encode(int count, int packetType, int length, byte[] out, int off) {
        if ((length & 3) != 0 || length < LENGTH || length > 4 * 65536) {
            throw new IllegalArgumentException("RTCP length must be a multiple of 4 in 4..262144: " + length);
        }
        out[off] = (byte) (0x80 | (count & 0x1F));
        out[off + 1] = (byte) packetType;
        Bytes.put16(out, off + 2, length / 4 - 1);
    }
}
