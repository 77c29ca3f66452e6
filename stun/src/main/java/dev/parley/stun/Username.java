package dev.parley.stun;

import dev.parley.stun.internal.TextCodec;
import java.util.Optional;

/** USERNAME (RFC 8489 §14.3): UTF-8, less than 509 bytes once prepared; 513 is the wire limit. */
public record Username(String value) implements StunAttribute {

    public static final int TYPE = 0x0006;
    public static final int MAX_BYTES = 513;

    public static Username decode(byte[] value) throws StunParseException {
        return new Username(TextCodec.decode(value, MAX_BYTES, "Username"));
    }

    public static Optional<Username> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return TextCodec.encode(value, MAX_BYTES, "Username");
    }
}
