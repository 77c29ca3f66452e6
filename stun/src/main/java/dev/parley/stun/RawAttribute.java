package dev.parley.stun;

/**
 * One attribute as it was found in a parsed message: its type, where its header starts in the
 * message, and its value (a copy, without padding).
 *
 * @param type   the 16-bit attribute type
 * @param offset offset of the attribute header from the start of the message
 * @param value  the value bytes
 */
public record RawAttribute(int type, int offset, byte[] value) {
}
