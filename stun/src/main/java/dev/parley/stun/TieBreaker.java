package dev.parley.stun;

/** The 8-byte big-endian tie-breaker shared by ICE-CONTROLLING and ICE-CONTROLLED (RFC 8445 §16.1). */
final class TieBreaker {

    static final int LENGTH = 8;

    private TieBreaker() {
    }

    static long decode(byte[] value, String name) throws StunParseException {
        if (value.length != LENGTH) {
            throw new StunParseException(name + " of length " + value.length);
        }
        long v = 0;
        for (byte b : value) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    static byte[] encode(long tieBreaker) {
        byte[] value = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            value[i] = (byte) (tieBreaker >>> (56 - 8 * i));
        }
        return value;
    }
}
