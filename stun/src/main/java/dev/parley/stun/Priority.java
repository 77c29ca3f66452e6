package dev.parley.stun;

import java.util.Optional;

/**
 * PRIORITY (RFC 8445 §7.1.1, §16.1): the priority the sender would give a peer-reflexive candidate
 * learned from this check, a 32-bit unsigned number.
 */
public record Priority(long value) implements StunAttribute {

    public static final int TYPE = 0x0024;

    public Priority {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("priority out of range: " + value);
        }
    }

    public static Priority decode(byte[] value) throws StunParseException {
        if (value.length != 4) {
            throw new StunParseException("PRIORITY of length " + value.length);
        }
        return new Priority(StunMessage.readInt(value, 0) & 0xFFFFFFFFL);
    }

    public static Optional<Priority> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }
}
