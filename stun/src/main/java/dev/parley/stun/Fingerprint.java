package dev.parley.stun;

import java.util.List;
import java.util.zip.CRC32;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XOR 0x5354554e, with
 * the length field covering the attribute. It must be the last attribute.
 */
public final class Fingerprint {

    public static final int TYPE = 0x8028;
    /** RFC 8489 §14.7: the XOR keeps a FINGERPRINT from matching a CRC of the same bytes in another protocol. */
    public static final int XOR = 0x5354554e;

    private Fingerprint() {
    }

    /** True when the last attribute is a 4-byte FINGERPRINT whose value matches the message. */
    public static boolean verify(StunMessage message) {
        List<RawAttribute> attributes = message.attributes();
        if (attributes.isEmpty()) {
            return false;
        }
        RawAttribute last = attributes.get(attributes.size() - 1);
        if (last.type() != TYPE || last.value().length != 4) {
            return false;
        }
        return StunMessage.readInt(last.value(), 0) == compute(message.raw(), last.offset());
    }

    public static boolean present(StunMessage message) {
        return message.has(TYPE);
    }

    static int append(byte[] msg, int pos) {
        StunMessageBuilder.setLength(msg, pos + 8 - StunMessage.HEADER_LENGTH);
        int crc = compute(msg, pos);
        msg[pos] = (byte) (TYPE >> 8);
        msg[pos + 1] = (byte) TYPE;
        msg[pos + 2] = 0;
        msg[pos + 3] = 4;
        msg[pos + 4] = (byte) (crc >> 24);
        msg[pos + 5] = (byte) (crc >> 16);
        msg[pos + 6] = (byte) (crc >> 8);
        msg[pos + 7] = (byte) crc;
        return pos + 8;
    }

    private static int compute(byte[] msg, int end) {
        int length = end + 8 - StunMessage.HEADER_LENGTH;
        CRC32 crc = new CRC32();
        crc.update(msg, 0, 2);
        crc.update(length >> 8);
        crc.update(length);
        crc.update(msg, 4, end - 4);
        return (int) crc.getValue() ^ XOR;
    }
}
