package dev.parley.stun;

import dev.parley.stun.internal.AddressCodec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** XOR-PEER-ADDRESS (RFC 8656 §18.3): a peer's address as seen from the relay; may repeat in CreatePermission. */
public record XorPeerAddress(InetSocketAddress address) implements StunAttribute {

    public static final int TYPE = 0x0012;

    public static XorPeerAddress decode(byte[] value, TransactionId transactionId) throws StunParseException {
        return new XorPeerAddress(AddressCodec.decode(value, transactionId, "XorPeerAddress"));
    }

    public static Optional<XorPeerAddress> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value(), message.transactionId()));
    }

    /** Every occurrence, in wire order. */
    public static List<XorPeerAddress> all(StunMessage message) throws StunParseException {
        List<XorPeerAddress> all = new ArrayList<>();
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
