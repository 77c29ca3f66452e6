package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and serializes compound RTCP datagrams (RFC 3550 §6.1): packets back to back, each with its own
 * {@link RtcpHeader}. Every length is checked against the bytes present before it is used. Feedback (RFC 4585
 * §6.1) is dispatched on PT and FMT; unmodelled types become {@link UnknownRtcpPacket}. Stateless, thread-safe.
 */
public final class RtcpCompound {

    private RtcpCompound() {}

    public static List<RtcpPacket> parse(byte[] buffer) throws RtpParseException {
        return parse(buffer, 0, buffer.length);
    }

    /** Parses every packet of the datagram in {@code buffer[offset, offset + length)}. */
    public static List<RtcpPacket> parse(byte[] buffer, int offset, int length) throws RtpParseException {
        Bytes.checkRange(buffer, offset, length);
        if (length == 0) {
            throw new RtpParseException(Reason.TRUNCATED, "empty RTCP datagram");
        }
        List<RtcpPacket> packets = new ArrayList<>();
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            RtcpHeader header = RtcpHeader.parse(buffer, pos, end - pos);
            int content = header.length();
            if (header.padding()) {
                int pad = buffer[pos + header.length() - 1] & 0xFF;
                if (pad == 0 || pad > header.length() - RtcpHeader.LENGTH) {
                    throw new RtpParseException(Reason.BAD_PADDING,
                            "RTCP padding " + pad + " in a packet of " + header.length());
                }
                content -= pad;
            }
            packets.add(parseOne(header, buffer, pos, content));
            pos += header.length();
        }
        return packets;
    }

    private static RtcpPacket parseOne(RtcpHeader h, byte[] b, int off, int content) throws RtpParseException {
        switch (h.packetType()) {
            case RtcpHeader.SR:
                return SenderReport.parse(h, b, off, content);
            case RtcpHeader.RR:
                return ReceiverReport.parse(h, b, off, content);
            case RtcpHeader.SDES:
                return SourceDescription.parse(h, b, off, content);
            case RtcpHeader.BYE:
                return Bye.parse(h, b, off, content);
            case RtcpHeader.RTPFB:
                if (h.count() == GenericNack.FMT) {
                    return GenericNack.parse(b, off, content);
                }
                if (h.count() == TransportCcFeedback.FMT) {
                    return TransportCcFeedback.parse(b, off, content);
                }
                break;
            case RtcpHeader.PSFB:
                if (h.count() == PictureLossIndication.FMT) {
                    return PictureLossIndication.parse(b, off, content);
                }
                if (h.count() == FullIntraRequest.FMT) {
                    return FullIntraRequest.parse(b, off, content);
                }
                if (h.count() == Remb.FMT && Remb.isRemb(b, off, content)) {
                    return Remb.parse(b, off, content);
                }
                break;
            default:
                break;
        }
        return UnknownRtcpPacket.parse(h, b, off, content);
    }

    public static int encodedLength(List<? extends RtcpPacket> packets) {
        int n = 0;
        for (RtcpPacket p : packets) {
            n += p.encodedLength();
        }
        return n;
    }

    public static byte[] encode(List<? extends RtcpPacket> packets) {
        byte[] out = new byte[encodedLength(packets)];
        encode(packets, out, 0);
        return out;
    }

    /** Writes the packets back to back at {@code out[off]}; returns the bytes written. */
    public static int encode(List<? extends RtcpPacket> packets, byte[] out, int off) {
        int pos = off;
        for (RtcpPacket p : packets) {
            pos += p.encode(out, pos);
        }
        return pos - off;
    }
}
