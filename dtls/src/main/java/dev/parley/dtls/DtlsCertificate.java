package dev.parley.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate and its key, the identity of the DTLS endpoints. Browsers
 * do not check its name or dates, only that its fingerprint matches our SDP (RFC 8827 §6.5), so one
 * certificate can serve every transport of a server. Immutable; thread-safe.
 *
 * <p>P-256 with SHA-256 because Chrome offers ECDHE-ECDSA with AES-128-GCM but not AES-256-GCM,
 * and every browser accepts P-256 (READING: DTLS-SRTP with BouncyCastle against Chromium).
 */
public final class DtlsCertificate {

    /** Back-dated a day so that a peer with a slow clock does not see a certificate from the future. */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] der;
    private final PrivateKey privateKey;
    private final CertificateFingerprint fingerprint;

    private DtlsCertificate(byte[] der, PrivateKey privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = CertificateFingerprint.sha256(der);
    }

    /** A new key pair and certificate, valid from a day before {@code now} for {@code validity}. */
    public static DtlsCertificate generate(Instant now, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=parley");
            // RFC 5280 §4.1.2.2: a positive serial of at most 20 bytes; 63 random bits.
            BigInteger serial = BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name, keys.getPublic());
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
                    .getEncoded();
            return new DtlsCertificate(der, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create an ECDSA P-256 certificate", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate valid for 30 days, as browsers make their own. */
    public static DtlsCertificate generate() {
        return generate(Instant.now(), Duration.ofDays(30));
    }

    /** The certificate's DER encoding (a copy). */
    public byte[] encoded() {
        return der.clone();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The SHA-256 fingerprint for our SDP's {@code a=fingerprint}. */
    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }
}
