package dev.parley.stun;

import dev.parley.stun.internal.AddressCodec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the relayed transport address the server allocated. */
public record XorRelayedAddress(InetSocketAddress address) implements StunAttribute {

    public static final int TYPE = 0x0016;

    public static XorRelayedAddress decode(byte[] value, TransactionId transactionId) throws StunParseException {
        return new XorRelayedAddress(AddressCodec.decode(value, transactionId, "XorRelayedAddress"));
    }

    public static Optional<XorRelayedAddress> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value(), message.transactionId()));
    }

    /** Every occurrence, in wire order. */
    public static List<XorRelayedAddress> all(StunMessage message) throws StunParseException {
        List<XorRelayedAddress> all = new ArrayList<>();
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
