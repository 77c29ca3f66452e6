package dev.parley.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the 16-bit types a 420 response did not understand. */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {

    public static final int TYPE = 0x000A;

    public UnknownAttributes {
        types = List.copyOf(types);
    }

    public static UnknownAttributes decode(byte[] value) throws StunParseException {
        if ((value.length & 1) != 0) {
            throw new StunParseException("UNKNOWN-ATTRIBUTES of odd length " + value.length);
        }
        List<Integer> types = new ArrayList<>(value.length / 2);
        for (int i = 0; i < value.length; i += 2) {
            types.add(((value[i] & 0xff) << 8) | (value[i + 1] & 0xff));
        }
        return new UnknownAttributes(types);
    }

    public static Optional<UnknownAttributes> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        byte[] value = new byte[types.size() * 2];
        for (int i = 0; i < types.size(); i++) {
            value[2 * i] = (byte) (types.get(i) >> 8);
            value[2 * i + 1] = (byte) (int) types.get(i);
        }
        return value;
    }
}
