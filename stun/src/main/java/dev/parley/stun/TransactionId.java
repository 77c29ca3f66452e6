package dev.parley.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** The 96-bit transaction id of a STUN message (RFC 8489 §5). Immutable; thread-safe. */
public final class TransactionId {

    public static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** RFC 8489 §5: "uniformly and randomly chosen from the interval 0 .. 2**96-1", cryptographically. */
    public static TransactionId random() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        return new TransactionId(b);
    }

    public static TransactionId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes, not " + bytes.length);
        }
        return new TransactionId(bytes.clone());
    }

    static TransactionId copyOf(byte[] buf, int offset) {
        return new TransactionId(Arrays.copyOfRange(buf, offset, offset + LENGTH));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Byte {@code i} (0..11), without copying. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    void writeTo(byte[] buf, int offset) {
        System.arraycopy(bytes, 0, buf, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
