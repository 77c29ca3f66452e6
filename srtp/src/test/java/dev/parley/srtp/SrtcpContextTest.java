package dev.parley.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.srtp.SrtpException.Reason;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SRTCP protect/unprotect for both profiles: the index word, round trips, replay and authentication. */
class SrtcpContextTest {

    private static final long SSRC = 0xCAFE_BABEL;

    private static SrtpContext context(SrtpProfile profile, int keySeed) {
        byte[] key = new byte[profile.masterKeyLength()];
        Arrays.fill(key, (byte) keySeed);
        return SrtpContext.create(profile, key, new byte[profile.masterSaltLength()]);
    }

    private static byte[] protect(SrtpContext sender, byte[] rtcp) throws SrtpException {
        byte[] out = new byte[rtcp.length + sender.profile().rtcpOverhead()];
        int n = sender.protectRtcp(rtcp, 0, rtcp.length, out, 0);
        assertThat(n).isEqualTo(out.length);
        return out;
    }

    private static byte[] unprotect(SrtpContext receiver, byte[] srtcp) throws SrtpException {
        byte[] buf = srtcp.clone();
        int n = receiver.unprotectRtcp(buf, 0, buf.length, buf, 0);
        return Arrays.copyOf(buf, n);
    }

    private static Reason refusal(SrtpContext receiver, byte[] srtcp) {
        try {
            unprotect(receiver, srtcp);
            return null;
        } catch (SrtpException e) {
            return e.reason();
        }
    }

    /** The E || index word: last for GCM (RFC 7714 §9.2), before the tag for AES-CM (RFC 3711 §3.4). */
    private static long indexWord(SrtpProfile profile, byte[] srtcp) {
        int at = profile == SrtpProfile.AEAD_AES_128_GCM ? srtcp.length - 4 : srtcp.length - 14;
        return ((srtcp[at] & 0xFFL) << 24) | ((srtcp[at + 1] & 0xFF) << 16) | ((srtcp[at + 2] & 0xFF) << 8)
                | (srtcp[at + 3] & 0xFF);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripRestoresTheCompoundPacket(SrtpProfile profile) throws Exception {
        byte[] rtcp = Packets.rtcp(SSRC);
        byte[] srtcp = protect(context(profile, 1), rtcp);

        assertThat(Arrays.copyOf(srtcp, 8)).isEqualTo(Arrays.copyOf(rtcp, 8));
        assertThat(Arrays.copyOfRange(srtcp, 8, rtcp.length)).isNotEqualTo(Arrays.copyOfRange(rtcp, 8, rtcp.length));
        assertThat(unprotect(context(profile, 1), srtcp)).isEqualTo(rtcp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void indexStartsAtZeroWithTheEncryptedFlagAndCountsPackets(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile, 1);
        byte[] rtcp = Packets.rtcp(SSRC);
        assertThat(indexWord(profile, protect(sender, rtcp))).isEqualTo(0x8000_0000L);
        assertThat(indexWord(profile, protect(sender, rtcp))).isEqualTo(0x8000_0001L);
        assertThat(indexWord(profile, protect(sender, rtcp))).isEqualTo(0x8000_0002L);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedPacketIsRejected(SrtpProfile profile) throws Exception {
        SrtpContext receiver = context(profile, 1);
        byte[] srtcp = protect(context(profile, 1), Packets.rtcp(SSRC));
        unprotect(receiver, srtcp);

        assertThat(refusal(receiver, srtcp)).isEqualTo(Reason.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void reorderedPacketsAreEachAcceptedOnce(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile, 1);
        SrtpContext receiver = context(profile, 1);
        byte[] first = protect(sender, Packets.rtcp(SSRC));
        byte[] second = protect(sender, Packets.rtcp(SSRC));

        assertThat(unprotect(receiver, second)).isEqualTo(Packets.rtcp(SSRC));
        assertThat(unprotect(receiver, first)).isEqualTo(Packets.rtcp(SSRC));
        assertThat(refusal(receiver, first)).isEqualTo(Reason.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedIndexIsRejected(SrtpProfile profile) throws Exception {
        byte[] srtcp = protect(context(profile, 1), Packets.rtcp(SSRC));
        int at = profile == SrtpProfile.AEAD_AES_128_GCM ? srtcp.length - 1 : srtcp.length - 11;
        srtcp[at] ^= 1;
        assertThat(refusal(context(profile, 1), srtcp)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedBodyIsRejected(SrtpProfile profile) throws Exception {
        byte[] srtcp = protect(context(profile, 1), Packets.rtcp(SSRC));
        srtcp[12] ^= 1;
        assertThat(refusal(context(profile, 1), srtcp)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetUnderAnotherKeyIsRejected(SrtpProfile profile) throws Exception {
        byte[] srtcp = protect(context(profile, 1), Packets.rtcp(SSRC));
        assertThat(refusal(context(profile, 2), srtcp)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetTooShortForIndexAndTagIsMalformed(SrtpProfile profile) {
        byte[] srtcp = new byte[8 + profile.rtcpOverhead() - 1];
        srtcp[0] = (byte) 0x80;
        assertThat(refusal(context(profile, 1), srtcp)).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetWithoutRtpVersion2IsMalformed(SrtpProfile profile) throws Exception {
        byte[] srtcp = protect(context(profile, 1), Packets.rtcp(SSRC));
        srtcp[0] = 0x41;
        assertThat(refusal(context(profile, 1), srtcp)).isEqualTo(Reason.MALFORMED);
    }
}
