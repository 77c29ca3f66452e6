package dev.parley.server.tls;

import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate chain with its key, ready for Jetty: an in-memory PKCS#12 key store and its password.
 *
 * @param selfSigned true when Parley generated the certificate
 */
public record TlsCredentials(KeyStore keyStore, char[] password, X509Certificate leaf, boolean selfSigned) {

    static final String ALIAS = "parley";

    /** SHA-256 fingerprint of the leaf certificate, as browsers show it (colon-separated upper-case hex). */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
