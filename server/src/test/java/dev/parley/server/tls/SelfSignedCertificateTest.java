package dev.parley.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @TempDir
    Path dir;
    private final Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1", "meet-box", "192.168.1.5"));
    private final Clock now = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void generatedCertificateNamesEveryHostAndAddress() throws Exception {
        TlsCredentials tls = SelfSignedCertificate.loadOrCreate(dir, names, now);
        X509Certificate cert = tls.leaf();
        List<String> sans = cert.getSubjectAlternativeNames().stream().map(e -> String.valueOf(e.get(1))).toList();
        assertThat(sans).contains("localhost", "127.0.0.1", "meet-box", "192.168.1.5");
        assertThat(sans).anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1"));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(Duration.between(now.instant(), cert.getNotAfter().toInstant())).isLessThanOrEqualTo(Duration.ofDays(398));
        assertThat(tls.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Files.getPosixFilePermissions(dir.resolve("tls/self-signed-key.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void storedCertificateIsReusedAcrossRestarts() throws Exception {
        String first = SelfSignedCertificate.loadOrCreate(dir, names, now).sha256Fingerprint();
        String second = SelfSignedCertificate.loadOrCreate(dir, names, now).sha256Fingerprint();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void certificateIsRenewedWhenANewAddressAppearsOrItNearsExpiry() throws Exception {
        String first = SelfSignedCertificate.loadOrCreate(dir, names, now).sha256Fingerprint();
        Set<String> moved = new LinkedHashSet<>(names);
        moved.add("10.0.0.7");
        String afterMove = SelfSignedCertificate.loadOrCreate(dir, moved, now).sha256Fingerprint();
        assertThat(afterMove).isNotEqualTo(first);
        Clock later = Clock.offset(now, Duration.ofDays(380));
        assertThat(SelfSignedCertificate.loadOrCreate(dir, moved, later).sha256Fingerprint()).isNotEqualTo(afterMove);
    }

    @Test
    void unreadableStoredCertificateIsReplaced() throws Exception {
        String first = SelfSignedCertificate.loadOrCreate(dir, names, now).sha256Fingerprint();
        Files.writeString(dir.resolve("tls/self-signed-key.pem"), "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n");
        TlsCredentials replaced = SelfSignedCertificate.loadOrCreate(dir, names, now);
        assertThat(replaced.sha256Fingerprint()).isNotEqualTo(first);
        assertThat(SelfSignedCertificate.loadOrCreate(dir, names, now).sha256Fingerprint()).isEqualTo(replaced.sha256Fingerprint());
    }

    @Test
    void userPemCertificateAndPkcs1RsaKeyAreLoaded() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        X509Certificate cert = SelfSignedCertificate.generate(pair, Set.of("meet.example.org"), now.instant());
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        PemFiles.write(certFile, cert);
        writeTraditional(keyFile, pair.getPrivate()); // "BEGIN RSA PRIVATE KEY", as older tools write it
        assertThat(Files.readString(keyFile)).contains("BEGIN RSA PRIVATE KEY");

        TlsCredentials tls = PemFiles.load(certFile, keyFile, false);
        assertThat(tls.leaf()).isEqualTo(cert);
        assertThat(tls.selfSigned()).isFalse();
        assertThat(tls.keyStore().getKey("parley", tls.password())).isEqualTo(pair.getPrivate());
    }

    @Test
    void missingOrMismatchedPemFilesGiveAClearError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> PemFiles.load(empty, empty, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("No PEM certificate");
        TlsCredentials a = SelfSignedCertificate.loadOrCreate(dir.resolve("a"), names, now);
        SelfSignedCertificate.loadOrCreate(dir.resolve("b"), names, now);
        Path certA = dir.resolve("a/tls/self-signed-cert.pem");
        assertThatThrownBy(() -> PemFiles.load(certA, certA, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("No unencrypted PEM private key");
        assertThat(a.leaf()).isNotNull();
    }

    private static void writeTraditional(Path file, PrivateKey key) throws IOException {
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            writer.writeObject(key);
        }
    }
}
