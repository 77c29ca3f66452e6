package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the element lists of RFC 8285 header extension blocks: the one-byte form (profile
 * {@code 0xBEDE}, §4.2) and the two-byte form (profile {@code 0x100x}, §4.3). Other profiles are opaque to this
 * class. Stateless, thread-safe.
 */
public final class HeaderExtensions {

    /** RFC 8285 §4.2: the "defined by profile" value announcing one-byte elements. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 §4.3: the two-byte form uses {@code 0x100} in the top 12 bits; the low 4 bits are app bits. */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private HeaderExtensions() {}

    public static boolean isOneByte(int profile) {
        return profile == ONE_BYTE_PROFILE;
    }

    public static boolean isTwoByte(int profile) {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /**
     * Checks that every element of the block {@code data[off, off + len)} stays inside it. Called once at parse
     * time so that later lookups need no checks.
     */
    static void validate(int profile, byte[] data, int off, int len) throws RtpParseException {
        scan(profile, data, off, len, -1, null);
    }

    /**
     * Finds element {@code id} and returns {@code (dataOffset << 16) | dataLength}, or -1 if absent. The block was
     * validated when the packet was parsed.
     */
    static long find(int profile, byte[] data, int off, int len, int id) {
        try {
            return scan(profile, data, off, len, id, null);
        } catch (RtpParseException e) {
            return -1; // unreachable for a validated block
        }
    }

    /**
     * Finds element {@code id} in the header extension block of the RTP packet {@code p[off, off + len)} without
     * parsing the packet (RFC 3550 §5.3.1, RFC 8285): {@code (dataOffset << 16) | dataLength}, or -1 when the packet
     * has no block, a block of another profile, a malformed header or block, or no such element. Allocates nothing,
     * for a lookup on every packet of a forwarding path.
     */
    public static long findInPacket(byte[] p, int off, int len, int id) {
        if (len < 12 || (p[off] & 0x10) == 0) {
            return -1;
        }
        int at = off + 12 + 4 * (p[off] & 0x0f);
        if (at + 4 > off + len) {
            return -1;
        }
        int profile = ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
        int blockLength = 4 * (((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff));
        if (at + 4 + blockLength > off + len) {
            return -1;
        }
        try {
            return scan(profile, p, at + 4, blockLength, id, null);
        } catch (RtpParseException e) {
            return -1; // a malformed block: no element can be trusted
        }
    }

    static List<HeaderExtension> list(int profile, byte[] data, int off, int len) {
        List<HeaderExtension> out = new ArrayList<>();
        try {
            scan(profile, data, off, len, -1, out);
        } catch (RtpParseException e) {
            // unreachable for a validated block
        }
        return out;
    }

    private static long scan(int profile, byte[] b, int off, int len, int wanted, List<HeaderExtension> sink)
            throws RtpParseException {
        boolean oneByte = isOneByte(profile);
        if (!oneByte && !isTwoByte(profile)) {
            return -1;
        }
        int end = off + len;
        int pos = off;
        while (pos < end) {
            int first = b[pos] & 0xFF;
            if (first == 0) {
                pos++; // RFC 8285 §4.2/§4.3: a zero byte is padding between elements
                continue;
            }
            int id;
            int dataLength;
            int dataOffset;
            if (oneByte) {
                id = first >>> 4;
                if (id == 15) {
                    return -1; // RFC 8285 §4.2: id 15 stops processing of the whole block
                }
                dataLength = (first & 0x0F) + 1; // length field is "number of bytes minus one"
                dataOffset = pos + 1;
            } else {
                if (pos + 2 > end) {
                    throw new RtpParseException(Reason.BAD_EXTENSION, "two-byte element header cut at " + pos);
                }
                id = first;
                dataLength = b[pos + 1] & 0xFF;
                dataOffset = pos + 2;
            }
            if (dataOffset + dataLength > end) {
                throw new RtpParseException(Reason.BAD_EXTENSION,
                        "element id " + id + " of " + dataLength + " bytes runs past its block");
            }
            if (id == wanted) {
                return ((long) dataOffset << 16) | dataLength;
            }
            if (sink != null) {
                byte[] copy = new byte[dataLength];
                System.arraycopy(b, dataOffset, copy, 0, dataLength);
                sink.add(new HeaderExtension(id, copy));
            }
            pos = dataOffset + dataLength;
        }
        return -1;
    }

    /** Whether {@code elements} can all be written in the one-byte form (RFC 8285 §4.2). */
    public static boolean fitOneByteForm(List<HeaderExtension> elements) {
        for (HeaderExtension e : elements) {
            if (!e.fitsOneByteForm()) {
                return false;
            }
        }
        return true;
    }

    /** Length of the element list in bytes, padded to a multiple of 4 (RFC 3550 §5.3.1 counts 32-bit words). */
    public static int encodedLength(List<HeaderExtension> elements, boolean oneByte) {
        int n = 0;
        for (HeaderExtension e : elements) {
            n += (oneByte ? 1 : 2) + e.data().length;
        }
        return (n + 3) & ~3;
    }

    /**
     * Writes the elements and zero padding at {@code out[off]}; returns the bytes written (a multiple of 4).
     *
     * @throws IllegalArgumentException if {@code oneByte} is chosen for an element that does not fit it
     */
    public static int encode(List<HeaderExtension> elements, boolean oneByte, byte[] out, int off) {
        int pos = off;
        for (HeaderExtension e : elements) {
            byte[] data = e.data();
            if (oneByte) {
                if (!e.fitsOneByteForm()) {
                    throw new IllegalArgumentException("element does not fit the one-byte form: " + e);
                }
                out[pos++] = (byte) ((e.id() << 4) | (data.length - 1));
            } else {
                Bytes.put8(out, pos++, e.id());
                Bytes.put8(out, pos++, data.length);
            }
            System.arraycopy(data, 0, out, pos, data.length);
            pos += data.length;
        }
        while (((pos - off) & 3) != 0) {
            out[pos++] = 0;
        }
        return pos - off;
    }
}
