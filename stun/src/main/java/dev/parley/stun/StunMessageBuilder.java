package dev.parley.stun;

import java.io.ByteArrayOutputStream;

/**
 * Writes one STUN message: header, attributes in the order added, then MESSAGE-INTEGRITY,
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT if asked for, in that order (RFC 8489 §14.5-14.7).
 * Not thread-safe; use one builder per message.
 */
public final class StunMessageBuilder {

    private final StunClass messageClass;
    private final int method;
    private final TransactionId transactionId;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(128);
    private byte[] integrityKey;
    private byte[] integritySha256Key;
    private boolean fingerprint;

    StunMessageBuilder(StunClass messageClass, int method, TransactionId transactionId) {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("method out of range: " + method);
        }
        this.messageClass = messageClass;
        this.method = method;
        this.transactionId = transactionId;
    }

    public StunMessageBuilder add(StunAttribute attribute) {
        return add(attribute.type(), attribute.value(transactionId));
    }

    /** Adds an attribute from its type and raw value; pads the value to 4 bytes with zeros. */
    public StunMessageBuilder add(int type, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value too long: " + value.length);
        }
        body.write(type >> 8);
        body.write(type);
        body.write(value.length >> 8);
        body.write(value.length);
        body.write(value, 0, value.length);
        for (int i = value.length; (i & 3) != 0; i++) {
            body.write(0);
        }
        if (body.size() + HEADER_AND_TRAILER > 0xFFFF) {
            throw new IllegalArgumentException("message too long");
        }
        return this;
    }

    private static final int HEADER_AND_TRAILER = StunMessage.HEADER_LENGTH + 24 + 36 + 8;

    /** Appends MESSAGE-INTEGRITY (HMAC-SHA1) keyed with {@code key} when the message is built. */
    public StunMessageBuilder messageIntegrity(byte[] key) {
        this.integrityKey = key.clone();
        return this;
    }

    /** Appends MESSAGE-INTEGRITY-SHA256 (full 32-byte HMAC-SHA256) keyed with {@code key}. */
    public StunMessageBuilder messageIntegritySha256(byte[] key) {
        this.integritySha256Key = key.clone();
        return this;
    }

    /** Appends FINGERPRINT as the last attribute. */
    public StunMessageBuilder fingerprint() {
        this.fingerprint = true;
        return this;
    }

    public byte[] build() {
        byte[] msg = new byte[StunMessage.HEADER_LENGTH + body.size()
                + (integrityKey != null ? 24 : 0) + (integritySha256Key != null ? 36 : 0) + (fingerprint ? 8 : 0)];
        int type = StunMessage.messageType(messageClass, method);
        msg[0] = (byte) (type >> 8);
        msg[1] = (byte) type;
        msg[4] = 0x21;
        msg[5] = 0x12;
        msg[6] = (byte) 0xA4;
        msg[7] = 0x42;
        transactionId.writeTo(msg, 8);
        byte[] b = body.toByteArray();
        System.arraycopy(b, 0, msg, StunMessage.HEADER_LENGTH, b.length);
        int pos = StunMessage.HEADER_LENGTH + b.length;
        if (integrityKey != null) {
            pos = MessageIntegrity.append(msg, pos, integrityKey);
        }
        if (integritySha256Key != null) {
            pos = MessageIntegritySha256.append(msg, pos, integritySha256Key);
        }
        if (fingerprint) {
            pos = Fingerprint.append(msg, pos);
        }
        setLength(msg, pos - StunMessage.HEADER_LENGTH);
        return msg;
    }

    static void setLength(byte[] msg, int bodyLength) {
        msg[2] = (byte) (bodyLength >> 8);
        msg[3] = (byte) bodyLength;
    }
}
