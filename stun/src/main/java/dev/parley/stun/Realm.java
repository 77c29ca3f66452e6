package dev.parley.stun;

import dev.parley.stun.internal.TextCodec;
import java.util.Optional;

/** REALM (RFC 8489 §14.9): UTF-8, fewer than 128 characters (763 bytes). */
public record Realm(String value) implements StunAttribute {

    public static final int TYPE = 0x0014;
    public static final int MAX_BYTES = 763;

    public static Realm decode(byte[] value) throws StunParseException {
        return new Realm(TextCodec.decode(value, MAX_BYTES, "Realm"));
    }

    public static Optional<Realm> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return TextCodec.encode(value, MAX_BYTES, "Realm");
    }
}
