package dev.parley.stun;

import java.util.Optional;

/** EVEN-PORT (RFC 8656 §18.6): one byte whose top bit R asks to reserve the next port too. */
public record EvenPort(boolean reserveNext) implements StunAttribute {

    public static final int TYPE = 0x0018;

    public static EvenPort decode(byte[] value) throws StunParseException {
        if (value.length != 1) {
            throw new StunParseException("EVEN-PORT of length " + value.length);
        }
        return new EvenPort((value[0] & 0x80) != 0);
    }

    public static Optional<EvenPort> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return new byte[] {(byte) (reserveNext ? 0x80 : 0)};
    }
}
