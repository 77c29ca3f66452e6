package dev.parley.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to this attribute, with the
 * header's length field covering the attribute itself. Verification compares in constant time.
 */
public final class MessageIntegrity {

    public static final int TYPE = 0x0008;
    public static final int LENGTH = 20;

    private MessageIntegrity() {
    }

    /** RFC 8489 §9.2.2: key = MD5(username ":" OpaqueString(realm) ":" OpaqueString(password)). */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    /** RFC 8489 §9.1.1: the short-term key is the password itself (OpaqueString, UTF-8). */
    public static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /** True when the message carries MESSAGE-INTEGRITY and it matches {@code key}. */
    public static boolean verify(StunMessage message, byte[] key) {
        Optional<RawAttribute> attribute = message.attribute(TYPE);
        if (attribute.isEmpty() || attribute.get().value().length != LENGTH) {
            return false;
        }
        int offset = attribute.get().offset();
        byte[] expected = hmac("HmacSHA1", key, message.raw(), offset, offset + 4 + LENGTH);
        return MessageDigest.isEqual(expected, attribute.get().value());
    }

    /** Writes the attribute at {@code pos} of {@code msg} (which has room for it); returns the new end. */
    static int append(byte[] msg, int pos, byte[] key) {
        byte[] mac = hmac("HmacSHA1", key, msg, pos, pos + 4 + LENGTH);
        msg[pos] = 0;
        msg[pos + 1] = (byte) TYPE;
        msg[pos + 2] = 0;
        msg[pos + 3] = LENGTH;
        System.arraycopy(mac, 0, msg, pos + 4, LENGTH);
        return pos + 4 + LENGTH;
    }

    /**
     * HMAC over {@code msg[0, end)} with the header length field replaced by {@code lengthEnd - 20}:
     * the length a message ending right after the integrity attribute would have.
     */
    static byte[] hmac(String algorithm, byte[] key, byte[] msg, int end, int lengthEnd) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            int length = lengthEnd - StunMessage.HEADER_LENGTH;
            mac.update(msg, 0, 2);
            mac.update((byte) (length >> 8));
            mac.update((byte) length);
            mac.update(msg, 4, end - 4);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
