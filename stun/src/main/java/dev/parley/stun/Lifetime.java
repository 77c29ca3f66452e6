package dev.parley.stun;

import java.util.Optional;

/** LIFETIME (RFC 8656 §18.4): seconds until the allocation expires, unsigned 32 bits. */
public record Lifetime(long seconds) implements StunAttribute {

    public static final int TYPE = 0x000D;

    public Lifetime {
        if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("lifetime out of range: " + seconds);
        }
    }

    public static Lifetime decode(byte[] value) throws StunParseException {
        if (value.length != 4) {
            throw new StunParseException("LIFETIME of length " + value.length);
        }
        return new Lifetime(StunMessage.readInt(value, 0) & 0xFFFFFFFFL);
    }

    public static Optional<Lifetime> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return new byte[] {(byte) (seconds >> 24), (byte) (seconds >> 16), (byte) (seconds >> 8), (byte) seconds};
    }
}
