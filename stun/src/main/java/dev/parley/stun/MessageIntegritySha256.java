package dev.parley.stun;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256, possibly truncated to 16..32 bytes in
 * steps of 4, computed like MESSAGE-INTEGRITY. This code always writes the full 32 bytes.
 */
public final class MessageIntegritySha256 {

    public static final int TYPE = 0x001C;
    public static final int LENGTH = 32;

    private MessageIntegritySha256() {
    }

    /** True when the message carries MESSAGE-INTEGRITY-SHA256 of a legal length and it matches. */
    public static boolean verify(StunMessage message, byte[] key) {
        Optional<RawAttribute> attribute = message.attribute(TYPE);
        if (attribute.isEmpty()) {
            return false;
        }
        byte[] value = attribute.get().value();
        // RFC 8489 §14.6: at least 16 bytes, at most 32, a multiple of 4.
        if (value.length < 16 || value.length > LENGTH || (value.length & 3) != 0) {
            return false;
        }
        int offset = attribute.get().offset();
        byte[] full = MessageIntegrity.hmac("HmacSHA256", key, message.raw(), offset, offset + 4 + value.length);
        return MessageDigest.isEqual(Arrays.copyOf(full, value.length), value);
    }

    static int append(byte[] msg, int pos, byte[] key) {
        byte[] mac = MessageIntegrity.hmac("HmacSHA256", key, msg, pos, pos + 4 + LENGTH);
        msg[pos] = 0;
        msg[pos + 1] = (byte) TYPE;
        msg[pos + 2] = 0;
        msg[pos + 3] = LENGTH;
        System.arraycopy(mac, 0, msg, pos + 4, LENGTH);
        return pos + 4 + LENGTH;
    }
}
