package dev.parley.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The self-signed certificate and SDP fingerprints (RFC 8122 §5). */
class CertificateTest {

    private static final DtlsCertificate CERT = DtlsCertificate.generate();

    @Test
    void certificateIsSelfSignedEcdsaP256() throws Exception {
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERT.encoded()));

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        x509.verify(x509.getPublicKey()); // throws unless self-signed with its own key
        assertThat(CERT.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void certificateIsValidFromADayBeforeNowForTheGivenTime() throws Exception {
        Instant now = Instant.parse("2026-01-10T12:00:00Z");
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(DtlsCertificate.generate(now, Duration.ofDays(30)).encoded()));

        assertThat(x509.getNotBefore()).isEqualTo(Date.from(Instant.parse("2026-01-09T12:00:00Z")));
        assertThat(x509.getNotAfter()).isEqualTo(Date.from(Instant.parse("2026-02-09T12:00:00Z")));
    }

    @Test
    void fingerprintIsSha256OfTheDerInUpperCaseColonHex() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(CERT.encoded());

        String sdp = CERT.fingerprint().toSdp();

        assertThat(sdp).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(CERT.fingerprint().digest()).isEqualTo(sha);
        assertThat(CERT.fingerprint().matches(CERT.encoded())).isTrue();
        assertThat(CERT.fingerprint().matches(DtlsCertificate.generate().encoded())).isFalse();
    }

    @Test
    void fingerprintParsesWhatItWritesAndLowerCaseHex() {
        CertificateFingerprint f = CERT.fingerprint();

        assertThat(CertificateFingerprint.parse(f.toSdp())).isEqualTo(f);
        assertThat(CertificateFingerprint.parse("SHA-256 " + f.toSdp().substring(8).toLowerCase())).isEqualTo(f);
    }

    @Test
    void otherHashesOfRfc8122AreUnderstood() {
        CertificateFingerprint f = CertificateFingerprint.of("sha-384", CERT.encoded());

        assertThat(f.digest()).hasSize(48);
        assertThat(f.matches(CERT.encoded())).isTrue();
        assertThat(CertificateFingerprint.parse(f.toSdp())).isEqualTo(f);
    }

    @Test
    void malformedFingerprintsAreRefused() {
        String hex = CERT.fingerprint().toSdp().substring(8);
        assertThatThrownBy(() -> CertificateFingerprint.parse("md5 " + hex)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 " + hex.substring(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 " + hex.replace(':', '-')))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 " + hex.replaceFirst("[0-9A-F]", "G")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
