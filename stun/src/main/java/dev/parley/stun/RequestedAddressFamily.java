package dev.parley.stun;

import java.util.Optional;

/** REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.10): 0x01 IPv4 or 0x02 IPv6, then 24 reserved bits. */
public record RequestedAddressFamily(int family) implements StunAttribute {

    public static final int TYPE = 0x0017;
    public static final int IPV4 = 0x01;
    public static final int IPV6 = 0x02;

    public static RequestedAddressFamily decode(byte[] value) throws StunParseException {
        if (value.length != 4) {
            throw new StunParseException("REQUESTED-ADDRESS-FAMILY of length " + value.length);
        }
        int family = value[0] & 0xff;
        if (family != IPV4 && family != IPV6) {
            throw new StunParseException("REQUESTED-ADDRESS-FAMILY " + family);
        }
        return new RequestedAddressFamily(family);
    }

    public static Optional<RequestedAddressFamily> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return new byte[] {(byte) family, 0, 0, 0};
    }
}
