package dev.parley.stun;

import dev.parley.stun.internal.AddressCodec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** MAPPED-ADDRESS (RFC 8489 §14.1): the reflexive address without XOR; kept for old clients. */
public record MappedAddress(InetSocketAddress address) implements StunAttribute {

    public static final int TYPE = 0x0001;

    public static MappedAddress decode(byte[] value, TransactionId transactionId) throws StunParseException {
        return new MappedAddress(AddressCodec.decode(value, null, "MappedAddress"));
    }

    public static Optional<MappedAddress> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value(), message.transactionId()));
    }

    /** Every occurrence, in wire order. */
    public static List<MappedAddress> all(StunMessage message) throws StunParseException {
        List<MappedAddress> all = new ArrayList<>();
        for (RawAttribute raw : message.attributesOf(TYPE)) {
            all.add(decode(raw.value(), message.transactionId()));
        }
        return all;
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return AddressCodec.encode(address, null);
    }
}
