package dev.parley.sfu;

import dev.parley.rtp.HeaderExtensions;
import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpParseException;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunParseException;
import dev.parley.stun.Username;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What the SFU reads from and writes into packet bytes on its forwarding path. Stateless. */
final class PacketBytes {

    private PacketBytes() {
    }

    /**
     * Rewrites one plaintext RTP packet {@code p[0..n)} for section {@code d} into {@code out}: the header extension
     * block is dropped (the subscriber's sections carry none), CSRCs, payload and padding are kept, and SSRC,
     * sequence number and timestamp become the section's (RFC 3550 §5.1). Returns the length, or -1 when the
     * packet is cut short.
     */
    static int rewrite(DownstreamSection d, byte[] p, int n, byte[] out) {
        int b0 = p[0] & 0xff;
        int header = 12 + 4 * (b0 & 0x0f);
        int payload = header;
        if ((b0 & 0x10) != 0) {
            if (n < header + 4) {
                return -1;
            }
            payload = header + 4 + 4 * u16(p, header + 2);
        }
        if (n < payload) {
            return -1;
        }
        out[0] = (byte) (b0 & ~0x10);
        out[1] = p[1];
        int seq = u16(p, 2);
        long ts = u32(p, 4);
        d.rewriter.source(u32(p, 8), seq, ts);
        put16(out, 2, d.rewriter.sequence(seq));
        put32(out, 4, d.rewriter.timestamp(ts));
        put32(out, 8, d.outSsrc);
        System.arraycopy(p, 12, out, 12, header - 12);
        System.arraycopy(p, payload, out, header, n - payload);
        return header + n - payload;
    }

    /** The SFU's half of a check's USERNAME ("ourUfrag:theirUfrag"), or null. */
    static String localUfrag(byte[] buf, int len) {
        try {
            Optional<Username> username = Username.from(StunMessage.parse(buf, 0, len));
            if (username.isEmpty()) {
                return null;
            }
            String value = username.get().value();
            int colon = value.indexOf(':');
            return colon < 0 ? value : value.substring(0, colon);
        } catch (StunParseException e) {
            return null;
        }
    }

    /**
     * The slot named by the packet's {@code sdes:mid} header extension (RFC 8285, id {@link OfferWriter#MID_EXTENSION_ID}),
     * or null. Only for packets whose SSRC is not known yet.
     */
    static Source slotOfMidExtension(byte[] p, int n) {
        try {
            RtpPacket packet = RtpPacket.parse(p, 0, n);
            int at = packet.extensionDataOffset(OfferWriter.MID_EXTENSION_ID);
            if (at < 0) {
                return null;
            }
            String mid = new String(p, at, packet.extensionDataLength(OfferWriter.MID_EXTENSION_ID),
                    StandardCharsets.US_ASCII);
            for (Source s : Source.values()) {
                if (s.slotMid().equals(mid)) {
                    return s;
                }
            }
            return null;
        } catch (RtpParseException e) {
            return null;
        }
    }

    /**
     * The transport-wide sequence number in the packet's header extension (id
     * {@link OfferWriter#TRANSPORT_CC_EXTENSION_ID}, two bytes; RFC 8285 one- or two-byte form), or -1. Reads the
     * bytes in place: it runs for every packet a publisher sends.
     */
    static int transportSequence(byte[] p, int n) {
        long found = HeaderExtensions.findInPacket(p, 0, n, OfferWriter.TRANSPORT_CC_EXTENSION_ID);
        return found >= 0 && (found & 0xffff) == 2 ? u16(p, (int) (found >>> 16)) : -1;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
