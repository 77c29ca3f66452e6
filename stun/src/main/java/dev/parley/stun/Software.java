package dev.parley.stun;

import dev.parley.stun.internal.TextCodec;
import java.util.Optional;

/** SOFTWARE (RFC 8489 §14.14): a description of the agent, fewer than 128 characters (763 bytes). */
public record Software(String value) implements StunAttribute {

    public static final int TYPE = 0x8022;
    public static final int MAX_BYTES = 763;

    public static Software decode(byte[] value) throws StunParseException {
        return new Software(TextCodec.decode(value, MAX_BYTES, "Software"));
    }

    public static Optional<Software> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return TextCodec.encode(value, MAX_BYTES, "Software");
    }
}
