package dev.parley.stun;

import dev.parley.stun.internal.AddressCodec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the client's reflexive transport address, XOR-ed so NATs that rewrite addresses in payloads leave it alone. */
public record XorMappedAddress(InetSocketAddress address) implements StunAttribute {

    public static final int TYPE = 0x0020;

    public static XorMappedAddress decode(byte[] value, TransactionId transactionId) throws StunParseException {
        return new XorMappedAddress(AddressCodec.decode(value, transactionId, "XorMappedAddress"));
    }

    public static Optional<XorMappedAddress> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value(), message.transactionId()));
    }

    /** Every occurrence, in wire order. */
    public static List<XorMappedAddress> all(StunMessage message) throws StunParseException {
        List<XorMappedAddress> all = new ArrayList<>();
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
        return AddressCodec.encode(address, transactionId);
    }
}
