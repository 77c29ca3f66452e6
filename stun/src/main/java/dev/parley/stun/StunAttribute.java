package dev.parley.stun;

/**
 * A typed attribute that can be written into a message. Each attribute type has its own class with
 * a {@code TYPE} constant, a {@code from(StunMessage)} reader and this writer (RFC 8489 §14).
 */
public interface StunAttribute {

    /** The 16-bit attribute type. Types below 0x8000 are comprehension-required (RFC 8489 §14). */
    int type();

    /** The value bytes, without padding. The transaction id is needed by the XOR-ed addresses. */
    byte[] value(TransactionId transactionId);

    /** RFC 8489 §14: 0x0000-0x7FFF are comprehension-required, 0x8000-0xFFFF optional. */
    static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }
}
