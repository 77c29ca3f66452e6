package dev.parley.stun;

/**
 * A ChannelData message (RFC 8656 §12.4): 16-bit channel number (0x4000-0x4FFF), 16-bit data length,
 * the data. Over UDP the datagram may carry up to 3 padding bytes after the data; over TCP/TLS the
 * frame is always padded to a multiple of 4 (§12.5). A parsed value is a view on the caller's buffer.
 *
 * @param channel the channel number
 * @param buffer  the buffer holding the data
 * @param offset  offset of the first data byte in {@code buffer}
 * @param length  number of data bytes
 */
public record ChannelData(int channel, byte[] buffer, int offset, int length) {

    public static final int HEADER_LENGTH = 4;

    /** RFC 8656 §12 / RFC 7983: a first byte in 0x40..0x4F (top bits 01) starts ChannelData. */
    public static boolean looksLikeChannelData(byte[] buf, int off, int len) {
        return len >= HEADER_LENGTH && (buf[off] & 0xF0) == 0x40;
    }

    /**
     * Parses {@code len} bytes as one ChannelData message; the data length must fit, and at most 3
     * bytes of padding may follow it. The result views {@code buf}.
     */
    public static ChannelData parse(byte[] buf, int off, int len) throws StunParseException {
        return parse(buf, off, len, ChannelNumber.MAX);
    }

    /**
     * As {@link #parse(byte[], int, int)}, accepting channel numbers up to {@code maxChannel}
     * ({@link ChannelNumber#LEGACY_MAX} for RFC 5766 clients).
     */
    public static ChannelData parse(byte[] buf, int off, int len, int maxChannel) throws StunParseException {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new StunParseException("bounds outside buffer");
        }
        if (len < HEADER_LENGTH) {
            throw new StunParseException("shorter than a ChannelData header: " + len);
        }
        int channel = StunMessage.readShort(buf, off);
        if (channel < ChannelNumber.MIN || channel > maxChannel) {
            throw new StunParseException("channel number 0x" + Integer.toHexString(channel) + " outside 0x4000-0x"
                    + Integer.toHexString(maxChannel).toUpperCase());
        }
        int length = StunMessage.readShort(buf, off + 2);
        if (length > len - HEADER_LENGTH) {
            throw new StunParseException("ChannelData length " + length + " exceeds " + (len - HEADER_LENGTH));
        }
        if (len - HEADER_LENGTH - length > 3) {
            throw new StunParseException("more than 3 bytes after ChannelData");
        }
        return new ChannelData(channel, buf, off + HEADER_LENGTH, length);
    }

    /** The frame length on a stream (header, data, padding to 4) from the first 4 bytes, or -1 if fewer. */
    public static int frameLength(byte[] buf, int off, int available) {
        if (available < HEADER_LENGTH) {
            return -1;
        }
        return HEADER_LENGTH + ((StunMessage.readShort(buf, off + 2) + 3) & ~3);
    }

    /** Encodes a frame; {@code padded} for TCP/TLS (RFC 8656 §12.5), unpadded for UDP. */
    public static byte[] encode(int channel, byte[] data, int off, int len, boolean padded) {
        if (len > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData longer than 65535 bytes");
        }
        byte[] frame = new byte[HEADER_LENGTH + (padded ? (len + 3) & ~3 : len)];
        frame[0] = (byte) (channel >> 8);
        frame[1] = (byte) channel;
        frame[2] = (byte) (len >> 8);
        frame[3] = (byte) len;
        System.arraycopy(data, off, frame, HEADER_LENGTH, len);
        return frame;
    }

    /** A copy of the data bytes. */
    public byte[] data() {
        byte[] copy = new byte[length];
        System.arraycopy(buffer, offset, copy, 0, length);
        return copy;
    }
}
