package dev.parley.rtp;

import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes RTP packets (RFC 3550 §5.1) with optional CSRCs, RFC 8285 header extensions and padding. Header
 * extensions use the one-byte form when every element fits it, else the two-byte form (RFC 8285 §4.3), unless
 * {@link #twoByteExtensions()} forces the latter. Mutable and not thread-safe; reuse it for packets of one stream.
 */
public final class RtpPacketBuilder {

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private final List<Long> csrcs = new ArrayList<>();
    private final List<HeaderExtension> extensions = new ArrayList<>();
    private boolean forceTwoByte;
    private byte[] payload = new byte[0];
    private int paddingLength;

    public RtpPacketBuilder marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    public RtpPacketBuilder payloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        this.payloadType = payloadType;
        return this;
    }

    public RtpPacketBuilder sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        return this;
    }

    public RtpPacketBuilder timestamp(long timestamp) {
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        return this;
    }

    public RtpPacketBuilder ssrc(long ssrc) {
        this.ssrc = ssrc & 0xFFFF_FFFFL;
        return this;
    }

    /** Adds a contributing source; RFC 3550 allows at most 15. */
    public RtpPacketBuilder csrc(long csrc) {
        if (csrcs.size() == 15) {
            throw new IllegalStateException("at most 15 CSRCs (4-bit CC field)");
        }
        csrcs.add(csrc & 0xFFFF_FFFFL);
        return this;
    }

    public RtpPacketBuilder extension(int id, byte[] data) {
        extensions.add(new HeaderExtension(id, data));
        return this;
    }

    public RtpPacketBuilder twoByteExtensions() {
        this.forceTwoByte = true;
        return this;
    }

    public RtpPacketBuilder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    /** Padding bytes to append, count byte included: 0 for none, else 1–255 (RFC 3550 §5.1). */
    public RtpPacketBuilder padding(int paddingLength) {
        if (paddingLength < 0 || paddingLength > 255) {
            throw new IllegalArgumentException("padding must be 0..255: " + paddingLength);
        }
        this.paddingLength = paddingLength;
        return this;
    }

    private boolean oneByteForm() {
        return !forceTwoByte && HeaderExtensions.fitOneByteForm(extensions);
    }

    public int encodedLength() {
        int n = RtpPacket.FIXED_HEADER_LENGTH + 4 * csrcs.size();
        if (!extensions.isEmpty()) {
            n += 4 + HeaderExtensions.encodedLength(extensions, oneByteForm());
        }
        return n + payload.length + paddingLength;
    }

    public byte[] build() {
        byte[] out = new byte[encodedLength()];
        encode(out, 0);
        return out;
    }

    /** Writes the packet at {@code out[off]}; returns its length. */
    public int encode(byte[] out, int off) {
        int total = encodedLength();
        Bytes.checkRange(out, off, total);
        boolean hasExtension = !extensions.isEmpty();
        out[off] = (byte) (0x80 | (paddingLength > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | csrcs.size());
        out[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        Bytes.put16(out, off + 2, sequenceNumber);
        Bytes.put32(out, off + 4, timestamp);
        Bytes.put32(out, off + 8, ssrc);
        int pos = off + RtpPacket.FIXED_HEADER_LENGTH;
        for (long csrc : csrcs) {
            Bytes.put32(out, pos, csrc);
            pos += 4;
        }
        if (hasExtension) {
            boolean oneByte = oneByteForm();
            Bytes.put16(out, pos, oneByte ? HeaderExtensions.ONE_BYTE_PROFILE : HeaderExtensions.TWO_BYTE_PROFILE);
            int written = HeaderExtensions.encode(extensions, oneByte, out, pos + 4);
            Bytes.put16(out, pos + 2, written / 4);
            pos += 4 + written;
        }
        System.arraycopy(payload, 0, out, pos, payload.length);
        pos += payload.length;
        if (paddingLength > 0) {
            for (int i = 0; i < paddingLength - 1; i++) {
                out[pos++] = 0;
            }
            out[pos++] = (byte) paddingLength;
        }
        return pos - off;
    }
}
