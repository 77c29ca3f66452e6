package dev.parley.rtp;

import dev.parley.rtp.internal.Bytes;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An RTCP packet of a type this module does not model (APP, XR, other feedback formats). Its body, padding
 * excluded, is kept so that it can be forwarded unchanged. Immutable; the body is copied in and out.
 *
 * @param count the 5-bit count / FMT field
 * @param packetType PT
 * @param body bytes after the 4-byte header, a multiple of 4 long
 */
public record UnknownRtcpPacket(int count, int packetType, byte[] body) implements RtcpPacket {

    public UnknownRtcpPacket {
        if ((body.length & 3) != 0) {
            throw new IllegalArgumentException("RTCP body must be a multiple of 4 bytes: " + body.length);
        }
        body = body.clone();
    }

    static UnknownRtcpPacket parse(RtcpHeader header, byte[] b, int off, int contentLength) {
        int bodyLength = (contentLength - RtcpHeader.LENGTH) & ~3; // drop a partial word left by padding
        return new UnknownRtcpPacket(header.count(), header.packetType(),
                Arrays.copyOfRange(b, off + RtcpHeader.LENGTH, off + RtcpHeader.LENGTH + bodyLength));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + body.length;
    }

    @Override
    public int encode(byte[] out, int off) {
        int length = encodedLength();
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(count, packetType, length, out, off);
        System.arraycopy(body, 0, out, off + RtcpHeader.LENGTH, body.length);
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownRtcpPacket other && other.count == count && other.packetType == packetType
                && Arrays.equals(other.body, body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body) * 31 + packetType * 37 + count;
    }

    @Override
    public String toString() {
        return "UnknownRtcpPacket[count=" + count + ", packetType=" + packetType + ", body="
                + HexFormat.of().formatHex(body) + "]";
    }
}
