package dev.parley.stun;

/** DONT-FRAGMENT (RFC 8656 §18.8): no value; asks the server to set DF on relayed datagrams. */
public record DontFragment() implements StunAttribute {

    public static final int TYPE = 0x001A;

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
