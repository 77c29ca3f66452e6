package dev.parley.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.srtp.internal.AesCmHmacSha1Transform;
import dev.parley.srtp.internal.KeyDerivation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The test vectors of RFC 3711 Appendix B. */
class Rfc3711VectorsTest {

    // RFC 3711 B.3: key derivation from a master key and salt with kdr = 0.
    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void keyDerivationGivesTheCipherKeyOfAppendixB3() {
        assertThat(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTP_ENCRYPTION, 16))
                .isEqualTo(Hex.bytes("C61E7A93744F39EE10734AFE3FF7A087"));
    }

    @Test
    void keyDerivationGivesTheCipherSaltOfAppendixB3() {
        assertThat(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTP_SALT, 14))
                .isEqualTo(Hex.bytes("30CBBC08863D8C85D49DB34A9AE1"));
    }

    @Test
    void keyDerivationGivesTheAuthenticationKeyOfAppendixB3() {
        assertThat(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTP_AUTHENTICATION, 20))
                .isEqualTo(Hex.bytes("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
    }

    @Test
    void keyDerivationLabelsGiveDistinctKeys() {
        byte[] rtp = KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTP_ENCRYPTION, 16);
        byte[] rtcp = KeyDerivation.derive(MASTER_KEY, MASTER_SALT, KeyDerivation.SRTCP_ENCRYPTION, 16);
        assertThat(rtcp).isNotEqualTo(rtp);
    }

    /**
     * RFC 3711 B.2: session key 2B7E1516..., session salt F0F1...FCFD, SSRC 0, ROC 0, SEQ 0: the first three
     * keystream blocks. A zero payload encrypts to the keystream itself.
     */
    @Test
    void aesCounterModeKeystreamMatchesAppendixB2() throws Exception {
        byte[] sessionKey = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] sessionSalt = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
        byte[] authKey = new byte[20];
        SrtpContext context = SrtpContext.withTransform(SrtpProfile.AES128_CM_HMAC_SHA1_80,
                new AesCmHmacSha1Transform(sessionKey, authKey, sessionSalt, sessionKey, authKey, sessionSalt));
        byte[] header = Hex.bytes("800f0000 decafbad 00000000"); // seq 0, SSRC 0
        byte[] packet = Arrays.copyOf(header, header.length + 48 + 10);

        int n = context.protectRtp(packet, 0, header.length + 48, packet, 0);

        assertThat(n).isEqualTo(header.length + 48 + 10);
        assertThat(Hex.string(packet, header.length, 48)).isEqualToIgnoringCase(
                "E03EAD0935C95E80E166B16DD92B4EB4" + "D23513162B02D0F72A43A2FE4A5F97AB"
                        + "41E95B3BB0A2E8DD477901E4FCA894C0");
    }
}
