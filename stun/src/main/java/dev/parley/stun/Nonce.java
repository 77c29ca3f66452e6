package dev.parley.stun;

import dev.parley.stun.internal.TextCodec;
import java.util.Optional;

/** NONCE (RFC 8489 §14.10): opaque quoted-string text, fewer than 128 characters (763 bytes). */
public record Nonce(String value) implements StunAttribute {

    public static final int TYPE = 0x0015;
    public static final int MAX_BYTES = 763;

    public static Nonce decode(byte[] value) throws StunParseException {
        return new Nonce(TextCodec.decode(value, MAX_BYTES, "Nonce"));
    }

    public static Optional<Nonce> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return TextCodec.encode(value, MAX_BYTES, "Nonce");
    }
}
