package dev.parley.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.srtp.internal.AesGcmTransform;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The AEAD_AES_128_GCM vectors of RFC 7714 §16.1 (SRTP) and §17.1 (SRTCP). */
class Rfc7714VectorsTest {

    private static final byte[] KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SALT = Hex.bytes("517569642070726f2071756f");
    private static final long RTCP_SSRC = 0x4d617273L;

    private static final byte[] RTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976
            69736120 696e2070 61727465 73207472 6573""");
    private static final byte[] SRTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5
            0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439
            0cce""");
    private static final byte[] RTCP = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef""");
    private static final byte[] SRTCP = Hex.bytes("""
            81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872
            45d9eade 800005d4""");
    /** §17.2: the same RTCP authenticated only (E = 0): plaintext, tag, index word. */
    private static final byte[] SRTCP_AUTH_ONLY = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef 841dd968 3dd78ec9 2ae58790
            125f62b3 000005d4""");

    private static SrtpContext context() {
        return SrtpContext.withTransform(SrtpProfile.AEAD_AES_128_GCM, new AesGcmTransform(KEY, SALT, KEY, SALT));
    }

    @Test
    void protectRtpGivesTheCiphertextAndTagOfSection16() throws Exception {
        byte[] buf = Arrays.copyOf(RTP, RTP.length + 16);
        int n = context().protectRtp(buf, 0, RTP.length, buf, 0);
        assertThat(Arrays.copyOf(buf, n)).isEqualTo(SRTP);
    }

    @Test
    void unprotectRtpRecoversThePlaintextOfSection16() throws Exception {
        byte[] out = new byte[SRTP.length];
        int n = context().unprotectRtp(SRTP, 0, SRTP.length, out, 0);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(RTP);
    }

    @Test
    void protectRtcpWithIndex0x5d4GivesThePacketOfSection17() throws Exception {
        SrtpContext context = context();
        context.setNextRtcpIndex(RTCP_SSRC, 0x5d4);
        byte[] out = new byte[RTCP.length + 20];
        int n = context.protectRtcp(RTCP, 0, RTCP.length, out, 0);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(SRTCP);
    }

    @Test
    void unprotectRtcpRecoversThePlaintextOfSection17() throws Exception {
        byte[] buf = SRTCP.clone();
        int n = context().unprotectRtcp(buf, 0, buf.length, buf, 0);
        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTCP);
    }

    @Test
    void unprotectRtcpAcceptsTheAuthenticatedOnlyPacketOfSection17() throws Exception {
        byte[] out = new byte[SRTCP_AUTH_ONLY.length];
        int n = context().unprotectRtcp(SRTCP_AUTH_ONLY, 0, SRTCP_AUTH_ONLY.length, out, 0);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(RTCP);
    }
}
