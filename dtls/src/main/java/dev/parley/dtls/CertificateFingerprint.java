package dev.parley.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A certificate fingerprint as SDP carries it: {@code a=fingerprint:sha-256 AB:CD:...}
 * (RFC 8122 §5, RFC 8842 §5). Immutable; thread-safe.
 *
 * @param algorithm the hash function's SDP name, lower case ({@code sha-256})
 * @param digest the hash of the certificate's DER encoding
 */
public record CertificateFingerprint(String algorithm, byte[] digest) {

    /** RFC 8122 §5 hash names → JCA names. MD5/MD2 are refused (RFC 8122 §5: MUST NOT be used). */
    private static final Map<String, String> JCA_NAMES = Map.of(
            "sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384", "sha-512", "SHA-512");

    public CertificateFingerprint {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        String jca = JCA_NAMES.get(algorithm);
        if (jca == null) {
            throw new IllegalArgumentException("unsupported fingerprint hash: " + algorithm);
        }
        digest = digest.clone();
        if (digest.length != digest(jca).getDigestLength()) {
            throw new IllegalArgumentException(algorithm + " fingerprint of " + digest.length + " bytes");
        }
    }

    /** The SHA-256 fingerprint of a DER-encoded certificate, the one browsers send. */
    public static CertificateFingerprint sha256(byte[] der) {
        return of("sha-256", der);
    }

    /** The fingerprint of a DER-encoded certificate with the named hash ({@code sha-256}, ...). */
    public static CertificateFingerprint of(String algorithm, byte[] der) {
        String jca = JCA_NAMES.get(algorithm.toLowerCase(Locale.ROOT));
        if (jca == null) {
            throw new IllegalArgumentException("unsupported fingerprint hash: " + algorithm);
        }
        return new CertificateFingerprint(algorithm, digest(jca).digest(der));
    }

    /**
     * Parses the attribute value {@code sha-256 AB:CD:...} (without {@code a=fingerprint:}); the hex
     * is case-insensitive (RFC 8122 §5: upper case is written, both are read).
     */
    public static CertificateFingerprint parse(String value) {
        String[] parts = value.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("fingerprint is not '<hash> <hex:hex:...>': " + value);
        }
        String hex = parts[1];
        if ((hex.length() + 1) % 3 != 0) {
            throw new IllegalArgumentException("fingerprint hex is not colon-separated byte pairs: " + hex);
        }
        byte[] digest = new byte[(hex.length() + 1) / 3];
        for (int i = 0; i < digest.length; i++) {
            if (i > 0 && hex.charAt(3 * i - 1) != ':') {
                throw new IllegalArgumentException("fingerprint hex is not colon-separated byte pairs: " + hex);
            }
            digest[i] = (byte) HexFormat.fromHexDigits(hex, 3 * i, 3 * i + 2);
        }
        return new CertificateFingerprint(parts[0], digest);
    }

    /** True when this fingerprint is that of {@code der}, with this fingerprint's hash; constant time. */
    public boolean matches(byte[] der) {
        return MessageDigest.isEqual(digest, digest(JCA_NAMES.get(algorithm)).digest(der));
    }

    /** The attribute value, {@code sha-256 AB:CD:...}. */
    public String toSdp() {
        return algorithm + " " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateFingerprint f && f.algorithm.equals(algorithm) && MessageDigest.isEqual(f.digest, digest);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdp();
    }

    private static MessageDigest digest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }
}
