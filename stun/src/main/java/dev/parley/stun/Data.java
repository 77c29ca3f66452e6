package dev.parley.stun;

import java.util.Optional;

/** DATA (RFC 8656 §18.4): the application payload of a Send or Data indication. */
public record Data(byte[] bytes) implements StunAttribute {

    public static final int TYPE = 0x0013;

    public static Optional<Data> from(StunMessage message) {
        return message.attribute(TYPE).map(raw -> new Data(raw.value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return bytes;
    }
}
