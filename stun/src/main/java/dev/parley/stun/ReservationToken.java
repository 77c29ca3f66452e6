package dev.parley.stun;

import java.util.Optional;

/** RESERVATION-TOKEN (RFC 8656 §18.9): an 8-byte token naming a relayed address the server holds back. */
public record ReservationToken(byte[] token) implements StunAttribute {

    public static final int TYPE = 0x0022;

    public ReservationToken {
        if (token.length != 8) {
            throw new IllegalArgumentException("RESERVATION-TOKEN must be 8 bytes");
        }
        token = token.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    public static ReservationToken decode(byte[] value) throws StunParseException {
        if (value.length != 8) {
            throw new StunParseException("RESERVATION-TOKEN of length " + value.length);
        }
        return new ReservationToken(value);
    }

    public static Optional<ReservationToken> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return token.clone();
    }
}
