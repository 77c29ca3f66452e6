package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import dev.parley.rtp.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * BYE: goodbye, PT 203 (RFC 3550 §6.6): the sources leaving and an optional UTF-8 reason.
 *
 * @param ssrcs up to 31 sources
 * @param reason the reason text, empty when absent
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public Bye {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 31) {
            throw new IllegalArgumentException("at most 31 sources (5-bit SC): " + ssrcs.size());
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("BYE reason longer than 255 bytes");
        }
    }

    static Bye parse(RtcpHeader header, byte[] b, int off, int contentLength) throws RtpParseException {
        int end = off + contentLength;
        int pos = off + RtcpHeader.LENGTH;
        if (pos + 4 * header.count() > end) {
            throw new RtpParseException(Reason.TRUNCATED, "BYE with " + header.count() + " sources past the end");
        }
        List<Long> ssrcs = new ArrayList<>(header.count());
        for (int i = 0; i < header.count(); i++) {
            ssrcs.add(Bytes.u32(b, pos));
            pos += 4;
        }
        String reason = "";
        if (pos < end) {
            int len = b[pos] & 0xFF;
            if (pos + 1 + len > end) {
                throw new RtpParseException(Reason.BAD_LENGTH, "BYE reason of " + len + " bytes past the end");
            }
            reason = Utf8.decodeOrNull(b, pos + 1, len);
            if (reason == null) {
                throw new RtpParseException(Reason.BAD_FIELD, "BYE reason is not UTF-8");
            }
        }
        return new Bye(ssrcs, reason);
    }

    @Override
    public int encodedLength() {
        int n = RtcpHeader.LENGTH + 4 * ssrcs.size();
        if (!reason.isEmpty()) {
            n += 1 + reason.getBytes(StandardCharsets.UTF_8).length;
        }
        return (n + 3) & ~3;
    }

    @Override
    public int encode(byte[] out, int off) {
        int length = encodedLength();
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(ssrcs.size(), RtcpHeader.BYE, length, out, off);
        int pos = off + RtcpHeader.LENGTH;
        for (long ssrc : ssrcs) {
            Bytes.put32(out, pos, ssrc);
            pos += 4;
        }
        if (!reason.isEmpty()) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            Bytes.put8(out, pos, text.length);
            System.arraycopy(text, 0, out, pos + 1, text.length);
            pos += 1 + text.length;
        }
        while (pos < off + length) {
            out[pos++] = 0;
        }
        return length;
    }
}
