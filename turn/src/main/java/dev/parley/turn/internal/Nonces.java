package dev.parley.turn.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless NONCE values (RFC 8489 §9.2): {@code hex(expiry seconds, 8 bytes) || hex(first 10 bytes of
 * HMAC-SHA1(key, expiry))}, 36 characters. A nonce is valid until its expiry if the MAC matches; the
 * key is random per server start, so a restart makes old nonces stale (clients retry after 438).
 * Thread-safe (immutable key, a fresh {@link Mac} per call: control messages are rare).
 */
public final class Nonces {

    private static final int MAC_BYTES = 10;
    private final byte[] key = new byte[32];
    private final long lifetimeMillis;

    public Nonces(long lifetimeMillis, SecureRandom random) {
        this.lifetimeMillis = lifetimeMillis;
        random.nextBytes(key);
    }

    public String issue(long nowMillis) {
        long expiry = (nowMillis + lifetimeMillis) / 1000;
        byte[] e = longBytes(expiry);
        HexFormat hex = HexFormat.of();
        return hex.formatHex(e) + hex.formatHex(mac(e));
    }

    /** True when {@code nonce} is one of ours and has not expired at {@code nowMillis}. */
    public boolean isValid(String nonce, long nowMillis) {
        if (nonce.length() != 2 * (8 + MAC_BYTES)) {
            return false;
        }
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] e = java.util.Arrays.copyOf(raw, 8);
        byte[] given = java.util.Arrays.copyOfRange(raw, 8, raw.length);
        if (!MessageDigest.isEqual(mac(e), given)) {
            return false;
        }
        long expiry = java.nio.ByteBuffer.wrap(e).getLong();
        return expiry * 1000 >= nowMillis;
    }

    private byte[] mac(byte[] expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return java.util.Arrays.copyOf(mac.doFinal(expiry), MAC_BYTES);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", ex);
        }
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }
}
