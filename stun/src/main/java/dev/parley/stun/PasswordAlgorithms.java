package dev.parley.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** PASSWORD-ALGORITHMS (RFC 8489 §14.11): the algorithms a server offers, each padded to 4 bytes. */
public record PasswordAlgorithms(List<PasswordAlgorithm> algorithms) implements StunAttribute {

    public static final int TYPE = 0x8002;

    public PasswordAlgorithms {
        algorithms = List.copyOf(algorithms);
    }

    public static PasswordAlgorithms decode(byte[] value) throws StunParseException {
        List<PasswordAlgorithm> algorithms = new ArrayList<>();
        int pos = 0;
        while (pos < value.length) {
            if (value.length - pos < 4) {
                throw new StunParseException("PASSWORD-ALGORITHMS truncated");
            }
            int length = ((value[pos + 2] & 0xff) << 8) | (value[pos + 3] & 0xff);
            int padded = (length + 3) & ~3;
            if (padded > value.length - pos - 4) {
                throw new StunParseException("PASSWORD-ALGORITHMS entry runs past the attribute");
            }
            byte[] params = new byte[length];
            System.arraycopy(value, pos + 4, params, 0, length);
            algorithms.add(new PasswordAlgorithm(((value[pos] & 0xff) << 8) | (value[pos + 1] & 0xff), params));
            pos += 4 + padded;
        }
        return new PasswordAlgorithms(algorithms);
    }

    public static Optional<PasswordAlgorithms> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (PasswordAlgorithm a : algorithms) {
            out.writeBytes(a.value(transactionId));
        }
        return out.toByteArray();
    }
}
