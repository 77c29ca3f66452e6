package dev.parley.server.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate used when no PEM certificate is configured: ECDSA P-256, with subject alternative
 * names for localhost, the loopback addresses, the host name and the machine's addresses, so that a browser on the
 * LAN can accept it once. Kept in {@code <data-dir>/tls/} and reused across restarts; regenerated when it expires
 * within 30 days or does not name a host it should.
 */
public final class SelfSignedCertificate {

    private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);
    /** Shorter than the 398 days browsers accept for any server certificate, so no browser refuses it for age. */
    static final Duration VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private SelfSignedCertificate() {
    }

    /** Loads the stored certificate, or generates and stores a new one, covering {@code names}. */
    public static TlsCredentials loadOrCreate(Path dataDir, Set<String> names, Clock clock) throws IOException {
        Path dir = dataDir.resolve("tls");
        Path certFile = dir.resolve("self-signed-cert.pem");
        Path keyFile = dir.resolve("self-signed-key.pem");
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                TlsCredentials stored = PemFiles.load(certFile, keyFile, true);
                if (stillGood(stored.leaf(), names, clock.instant())) {
                    return stored;
                }
                log.info("Stored self-signed certificate is expiring or lacks a current address; generating a new one");
            } catch (IOException | RuntimeException e) {
                log.warn("Stored self-signed certificate is unreadable ({}); generating a new one", e.getMessage());
            }
        }
        Files.createDirectories(dir);
        try {
            KeyPair pair = newKeyPair();
            X509Certificate cert = generate(pair, names, clock.instant());
            PemFiles.write(certFile, cert);
            Files.deleteIfExists(keyFile);
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            PemFiles.write(keyFile, pair.getPrivate());
            return PemFiles.toCredentials(List.of(cert), pair.getPrivate(), true);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("Cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate generate(KeyPair pair, Set<String> names, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500Name("CN=Parley self-signed,O=Parley");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        List<GeneralName> sans = new ArrayList<>();
        for (String name : names) {
            sans.add(isAddress(name) ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        String algorithm = "EC".equals(pair.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        var signer = new JcaContentSignerBuilder(algorithm).build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    static boolean stillGood(X509Certificate cert, Set<String> names, Instant now) {
        if (cert.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return false;
        }
        Set<String> covered = new LinkedHashSet<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                cert.getSubjectAlternativeNames().forEach(entry -> covered.add(String.valueOf(entry.get(1))));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        return names.stream().allMatch(n -> covered.contains(n) || covered.stream().anyMatch(c -> sameAddress(c, n)));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static boolean isAddress(String name) {
        return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static boolean sameAddress(String a, String b) {
        if (!isAddress(a) || !isAddress(b)) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
