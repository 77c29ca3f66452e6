package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.List;

/**
 * A validated view of one RTP packet inside a caller's buffer (RFC 3550 §5.1). Parsing checks every length once;
 * afterwards accessors read the buffer directly and setters rewrite header fields in place (the SFU rewrites SSRC,
 * sequence number and timestamp per subscriber). Nothing is copied.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers  (CC × 32)  |
 * |  defined by profile (X=1)     |           length (words)      |
 * |                 header extension (length × 32)                |
 * |                 payload ... | padding ... | padding count     |
 * </pre>
 *
 * Not thread-safe: a view belongs to whoever holds the buffer.
 */
public final class RtpPacket {

    /** RFC 3550 §5.1: the fixed header is 12 bytes. */
    public static final int FIXED_HEADER_LENGTH = 12;

    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final int headerLength;
    private final int paddingLength;
    private final int extensionProfile;
    private final int extensionOffset;
    private final int extensionLength;

    private RtpPacket(byte[] buffer, int offset, int length, int headerLength, int paddingLength,
            int extensionProfile, int extensionOffset, int extensionLength) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.headerLength = headerLength;
        this.paddingLength = paddingLength;
        this.extensionProfile = extensionProfile;
        this.extensionOffset = extensionOffset;
        this.extensionLength = extensionLength;
    }

    public static RtpPacket parse(byte[] buffer) throws RtpParseException {
        return parse(buffer, 0, buffer.length);
    }

    /** Parses and validates the packet in {@code buffer[offset, offset + length)}. */
    public static RtpPacket parse(byte[] buffer, int offset, int length) throws RtpParseException {
        int headerLength = headerLength(buffer, offset, length);
        int paddingLength = 0;
        if ((buffer[offset] & 0x20) != 0) {
            // RFC 3550 §5.1: the last octet counts the padding, itself included; it cannot eat into the header.
            paddingLength = buffer[offset + length - 1] & 0xFF;
            if (paddingLength == 0 || paddingLength > length - headerLength) {
                throw new RtpParseException(Reason.BAD_PADDING,
                        "padding " + paddingLength + " with " + (length - headerLength) + " bytes after the header");
            }
        }
        int profile = -1;
        int extOffset = 0;
        int extLength = 0;
        if ((buffer[offset] & 0x10) != 0) {
            int csrcEnd = offset + FIXED_HEADER_LENGTH + 4 * (buffer[offset] & 0x0F);
            profile = Bytes.u16(buffer, csrcEnd);
            extOffset = csrcEnd + 4;
            extLength = 4 * Bytes.u16(buffer, csrcEnd + 2);
            HeaderExtensions.validate(profile, buffer, extOffset, extLength);
        }
        return new RtpPacket(buffer, offset, length, headerLength, paddingLength, profile, extOffset, extLength);
    }

    /**
     * Returns the header length (fixed header, CSRCs and extension block) of the RTP packet in
     * {@code buffer[offset, offset + length)}, checking that it fits. Allocation-free; SRTP uses it to find the
     * payload.
     */
    public static int headerLength(byte[] buffer, int offset, int length) throws RtpParseException {
        Bytes.checkRange(buffer, offset, length);
        if (length < FIXED_HEADER_LENGTH) {
            throw new RtpParseException(Reason.TRUNCATED, "RTP packet of " + length + " bytes");
        }
        int first = buffer[offset] & 0xFF;
        if (first >>> 6 != 2) {
            throw new RtpParseException(Reason.BAD_VERSION, "RTP version " + (first >>> 6));
        }
        int header = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (header + 4 > length) {
                throw new RtpParseException(Reason.TRUNCATED, "extension header past the end at " + header);
            }
            // RFC 3550 §5.3.1: the length counts 32-bit words after the 4-byte extension header.
            header += 4 + 4 * Bytes.u16(buffer, offset + header + 2);
        }
        if (header > length) {
            throw new RtpParseException(Reason.BAD_LENGTH, "header of " + header + " bytes in a packet of " + length);
        }
        return header;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public int version() {
        return (buffer[offset] & 0xFF) >>> 6;
    }

    public boolean hasPadding() {
        return (buffer[offset] & 0x20) != 0;
    }

    public boolean hasExtension() {
        return (buffer[offset] & 0x10) != 0;
    }

    public int csrcCount() {
        return buffer[offset] & 0x0F;
    }

    public boolean marker() {
        return (buffer[offset + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buffer[offset + 1] & 0x7F;
    }

    public int sequenceNumber() {
        return Bytes.u16(buffer, offset + 2);
    }

    public long timestamp() {
        return Bytes.u32(buffer, offset + 4);
    }

    public long ssrc() {
        return Bytes.u32(buffer, offset + 8);
    }

    public long csrc(int index) {
        if (index < 0 || index >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount());
        }
        return Bytes.u32(buffer, offset + FIXED_HEADER_LENGTH + 4 * index);
    }

    public int headerLength() {
        return headerLength;
    }

    public int paddingLength() {
        return paddingLength;
    }

    public int payloadOffset() {
        return offset + headerLength;
    }

    public int payloadLength() {
        return length - headerLength - paddingLength;
    }

    /** A copy of the payload (padding excluded); for tests and slow paths. */
    public byte[] payload() {
        byte[] out = new byte[payloadLength()];
        System.arraycopy(buffer, payloadOffset(), out, 0, out.length);
        return out;
    }

    /** The "defined by profile" field of the extension block, or -1 without one. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** Offset in {@link #buffer()} of element {@code id}'s data, or -1 if absent (RFC 8285 one- or two-byte). */
    public int extensionDataOffset(int id) {
        long found = find(id);
        return found < 0 ? -1 : (int) (found >>> 16);
    }

    /** Length of element {@code id}'s data, or -1 if absent. */
    public int extensionDataLength(int id) {
        long found = find(id);
        return found < 0 ? -1 : (int) (found & 0xFFFF);
    }

    private long find(int id) {
        if (extensionProfile < 0) {
            return -1;
        }
        return HeaderExtensions.find(extensionProfile, buffer, extensionOffset, extensionLength, id);
    }

    /** Copies of all RFC 8285 elements in order; empty without an extension or with another profile. */
    public List<HeaderExtension> headerExtensions() {
        if (extensionProfile < 0) {
            return List.of();
        }
        return HeaderExtensions.list(extensionProfile, buffer, extensionOffset, extensionLength);
    }

    public void setMarker(boolean marker) {
        buffer[offset + 1] = (byte) (marker ? buffer[offset + 1] | 0x80 : buffer[offset + 1] & 0x7F);
    }

    public void setPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        buffer[offset + 1] = (byte) ((buffer[offset + 1] & 0x80) | payloadType);
    }

    public void setSequenceNumber(int sequenceNumber) {
        Bytes.put16(buffer, offset + 2, sequenceNumber & 0xFFFF);
    }

    public void setTimestamp(long timestamp) {
        Bytes.put32(buffer, offset + 4, timestamp);
    }

    public void setSsrc(long ssrc) {
        Bytes.put32(buffer, offset + 8, ssrc);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts=" + timestamp() + ", ssrc="
                + ssrc() + ", marker=" + marker() + ", header=" + headerLength + ", payload=" + payloadLength()
                + ", padding=" + paddingLength + "]";
    }
}
