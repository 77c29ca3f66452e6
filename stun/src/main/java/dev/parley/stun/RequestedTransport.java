package dev.parley.stun;

import java.util.Optional;

/** REQUESTED-TRANSPORT (RFC 8656 §18.7): an IP protocol number (17 = UDP) and 24 reserved bits. */
public record RequestedTransport(int protocol) implements StunAttribute {

    public static final int TYPE = 0x0019;
    public static final int UDP = 17;
    public static final int TCP = 6;

    public static RequestedTransport decode(byte[] value) throws StunParseException {
        if (value.length != 4) {
            throw new StunParseException("REQUESTED-TRANSPORT of length " + value.length);
        }
        return new RequestedTransport(value[0] & 0xff);
    }

    public static Optional<RequestedTransport> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return new byte[] {(byte) protocol, 0, 0, 0};
    }
}
