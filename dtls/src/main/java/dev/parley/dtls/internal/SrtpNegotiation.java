package dev.parley.dtls.internal;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.srtp.SrtpProfile;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.SRTPProtectionProfile;

/** The choices both roles share: cipher suites, SRTP profiles, the peer certificate check. */
final class SrtpNegotiation {

    /**
     * ECDHE-ECDSA only, since our certificate is ECDSA P-256; AES-128-GCM first, the suite Chrome
     * and Firefox both offer (Chrome offers no ECDHE-ECDSA-AES256-GCM).
     */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    /**
     * Our preference, best first: AEAD_AES_128_GCM (RFC 7714; cheaper per packet, see
     * docs/media.md), then AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2), which every browser supports.
     */
    static final SrtpProfile[] PREFERENCE = {SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80};

    static final int[] OFFER = {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};

    private SrtpNegotiation() {
    }

    /**
     * RFC 5764 §4.1.1: the server picks one of the client's profiles. We pick by our preference, not
     * the client's order: Chrome lists AES-CM first and would otherwise get it. Null if none is common.
     */
    static SrtpProfile choose(int[] offered) {
        for (SrtpProfile p : PREFERENCE) {
            for (int id : offered) {
                if (id == p.dtlsId()) {
                    return p;
                }
            }
        }
        return null;
    }

    static String describe(int[] profiles) {
        StringBuilder sb = new StringBuilder();
        for (int id : profiles) {
            sb.append(sb.isEmpty() ? "" : ",").append(String.format("0x%04x", id));
        }
        return sb.toString();
    }

    /**
     * RFC 8122 §5 / RFC 8827 §6.5: the end-entity certificate the peer presented must hash to the
     * fingerprint in its SDP. Returns null when it does, else the reason.
     */
    static String checkPeerCertificate(Certificate certificate, CertificateFingerprint expected) throws java.io.IOException {
        if (certificate == null || certificate.isEmpty()) {
            return "peer sent no certificate";
        }
        byte[] der = certificate.getCertificateAt(0).getEncoded();
        if (!expected.matches(der)) {
            CertificateFingerprint actual = CertificateFingerprint.of(expected.algorithm(), der);
            return "peer certificate fingerprint " + actual.toSdp() + " does not match the SDP's " + expected.toSdp();
        }
        return null;
    }
}
