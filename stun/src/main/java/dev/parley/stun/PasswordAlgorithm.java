package dev.parley.stun;

import java.util.Optional;

/**
 * PASSWORD-ALGORITHM (RFC 8489 §14.12): the algorithm a client chose for the long-term key, 16-bit
 * number, 16-bit parameter length, parameters padded to 4 bytes. Also the element type of
 * {@link PasswordAlgorithms}.
 */
public record PasswordAlgorithm(int algorithm, byte[] parameters) implements StunAttribute {

    public static final int TYPE = 0x001D;
    /** RFC 8489 §18.5: MD5 = 0x0001, SHA-256 = 0x0002. */
    public static final int MD5 = 0x0001;
    public static final int SHA256 = 0x0002;

    public PasswordAlgorithm {
        parameters = parameters.clone();
    }

    @Override
    public byte[] parameters() {
        return parameters.clone();
    }

    public static PasswordAlgorithm decode(byte[] value) throws StunParseException {
        if (value.length < 4) {
            throw new StunParseException("PASSWORD-ALGORITHM shorter than 4 bytes");
        }
        int length = ((value[2] & 0xff) << 8) | (value[3] & 0xff);
        if (4 + length > value.length) {
            throw new StunParseException("PASSWORD-ALGORITHM parameters run past the attribute");
        }
        byte[] params = new byte[length];
        System.arraycopy(value, 4, params, 0, length);
        return new PasswordAlgorithm(((value[0] & 0xff) << 8) | (value[1] & 0xff), params);
    }

    public static Optional<PasswordAlgorithm> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        byte[] value = new byte[4 + ((parameters.length + 3) & ~3)];
        value[0] = (byte) (algorithm >> 8);
        value[1] = (byte) algorithm;
        value[2] = (byte) (parameters.length >> 8);
        value[3] = (byte) parameters.length;
        System.arraycopy(parameters, 0, value, 4, parameters.length);
        return value;
    }
}
