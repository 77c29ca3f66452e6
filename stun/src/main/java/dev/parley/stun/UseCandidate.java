package dev.parley.stun;

/**
 * USE-CANDIDATE (RFC 8445 §7.1.2, §16.1): sent by the controlling agent to nominate the pair the
 * check runs on. It has no value.
 */
public record UseCandidate() implements StunAttribute {

    public static final int TYPE = 0x0025;

    public static UseCandidate decode(byte[] value) throws StunParseException {
        if (value.length != 0) {
            throw new StunParseException("USE-CANDIDATE of length " + value.length);
        }
        return new UseCandidate();
    }

    /** True when the message carries USE-CANDIDATE (its value, if any, is not looked at). */
    public static boolean in(StunMessage message) {
        return message.has(TYPE);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return new byte[0];
    }
}
