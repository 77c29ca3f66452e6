package dev.parley.stun;

import java.util.Optional;

/**
 * ICE-CONTROLLED (RFC 8445 §7.1.3, §16.1): the sender believes it is the controlled agent; the
 * value is its 64-bit tie-breaker, compared as an unsigned number when roles conflict (§7.3.1.1).
 */
public record IceControlled(long tieBreaker) implements StunAttribute {

    /** Comprehension-optional (RFC 8445 §16.1). */
    public static final int TYPE = 0x8029;

    public static IceControlled decode(byte[] value) throws StunParseException {
        return new IceControlled(TieBreaker.decode(value, "ICE-CONTROLLED"));
    }

    public static Optional<IceControlled> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return TieBreaker.encode(tieBreaker);
    }
}
