package dev.parley.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.srtp.SrtpException.Reason;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SRTP protect/unprotect for both profiles: round trips, rollover, replay and authentication. */
class SrtpContextTest {

    private static byte[] key(SrtpProfile profile, int seed) {
        byte[] key = new byte[profile.masterKeyLength()];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private static byte[] salt(SrtpProfile profile) {
        byte[] salt = new byte[profile.masterSaltLength()];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (0xA0 + i);
        }
        return salt;
    }

    private static SrtpContext context(SrtpProfile profile) {
        return SrtpContext.create(profile, key(profile, 7), salt(profile));
    }

    private static SrtpContext context(SrtpProfile profile, SrtpSettings settings) {
        return SrtpContext.create(profile, key(profile, 7), salt(profile), settings);
    }

    /** Protects {@code rtp} with {@code sender}; returns exactly the SRTP bytes. */
    private static byte[] protect(SrtpContext sender, byte[] rtp) throws SrtpException {
        byte[] buf = Packets.withRoom(rtp, sender.profile().rtpOverhead());
        int n = sender.protectRtp(buf, 0, rtp.length, buf, 0);
        return Arrays.copyOf(buf, n);
    }

    private static byte[] unprotect(SrtpContext receiver, byte[] srtp) throws SrtpException {
        byte[] out = new byte[srtp.length];
        int n = receiver.unprotectRtp(srtp, 0, srtp.length, out, 0);
        return Arrays.copyOf(out, n);
    }

    private static Reason refusal(SrtpContext receiver, byte[] srtp) {
        try {
            unprotect(receiver, srtp);
            return null;
        } catch (SrtpException e) {
            return e.reason();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripRestoresThePacket(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        byte[] rtp = Packets.rtp(1000);

        byte[] srtp = protect(sender, rtp);

        assertThat(srtp).hasSize(rtp.length + profile.rtpOverhead());
        assertThat(Arrays.copyOf(srtp, 16)).isEqualTo(Arrays.copyOf(rtp, 16)); // header stays in the clear
        assertThat(Arrays.copyOfRange(srtp, 16, rtp.length)).isNotEqualTo(Arrays.copyOfRange(rtp, 16, rtp.length));
        assertThat(unprotect(receiver, srtp)).isEqualTo(rtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void separateInputAndOutputBuffersGiveTheSameBytesAsInPlace(SrtpProfile profile) throws Exception {
        byte[] rtp = Packets.rtp(5);
        byte[] inPlace = protect(context(profile), rtp);
        byte[] out = new byte[7 + rtp.length + profile.rtpOverhead()];

        int n = context(profile).protectRtp(rtp, 0, rtp.length, out, 7);

        assertThat(Arrays.copyOfRange(out, 7, 7 + n)).isEqualTo(inPlace);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sequenceWrapAdvancesTheRolloverCounterOnBothSides(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        for (int i = 0; i < 12; i++) {
            int seq = (65530 + i) & 0xFFFF;
            byte[] rtp = Packets.rtp(seq);
            assertThat(unprotect(receiver, protect(sender, rtp))).as("seq %d", seq).isEqualTo(rtp);
        }
        assertThat(sender.rolloverCounter(Packets.SSRC)).isEqualTo(1);
        assertThat(receiver.rolloverCounter(Packets.SSRC)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetsReorderedAcrossTheWrapDecryptWithTheirOwnRolloverCounter(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        int[] sent = {65533, 65534, 65535, 0, 1, 2};
        byte[][] srtp = new byte[sent.length][];
        for (int i = 0; i < sent.length; i++) {
            srtp[i] = protect(sender, Packets.rtp(sent[i]));
        }
        int[] arrival = {0, 3, 1, 4, 2, 5}; // 65533, 0, 65534, 1, 65535, 2
        for (int i : arrival) {
            assertThat(unprotect(receiver, srtp[i])).as("seq %d", sent[i]).isEqualTo(Packets.rtp(sent[i]));
        }
        assertThat(receiver.rolloverCounter(Packets.SSRC)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void senderRetransmittingAPacketFromBeforeTheWrapReusesItsIndex(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        byte[] first = protect(sender, Packets.rtp(65535));
        protect(sender, Packets.rtp(0));

        byte[] again = protect(sender, Packets.rtp(65535));

        assertThat(again).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectingTheSamePacketTwiceInARowGivesTheSameBytes(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        assertThat(protect(sender, Packets.rtp(9))).isEqualTo(protect(sender, Packets.rtp(9)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedPacketIsRejected(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        byte[] srtp = protect(sender, Packets.rtp(100));
        unprotect(receiver, srtp);

        assertThat(refusal(receiver, srtp)).isEqualTo(Reason.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void latePacketInsideTheWindowIsAcceptedOnce(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile, new SrtpSettings(64, 64, 8));
        byte[] late = protect(sender, Packets.rtp(100));
        unprotect(receiver, protect(sender, Packets.rtp(163))); // 63 ahead: 100 is the oldest index kept

        assertThat(unprotect(receiver, late)).isEqualTo(Packets.rtp(100));
        assertThat(refusal(receiver, late)).isEqualTo(Reason.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetBehindTheWindowIsRejectedAsTooOld(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile, new SrtpSettings(64, 64, 8));
        byte[] old = protect(sender, Packets.rtp(100));
        unprotect(receiver, protect(sender, Packets.rtp(164))); // 64 ahead: 100 just left the window

        assertThat(refusal(receiver, old)).isEqualTo(Reason.TOO_OLD);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedTagIsRejected(SrtpProfile profile) throws Exception {
        byte[] srtp = protect(context(profile), Packets.rtp(1));
        srtp[srtp.length - 1] ^= 1;
        assertThat(refusal(context(profile), srtp)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedPayloadIsRejected(SrtpProfile profile) throws Exception {
        byte[] srtp = protect(context(profile), Packets.rtp(1));
        srtp[40] ^= 0x10;
        assertThat(refusal(context(profile), srtp)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedHeaderIsRejected(SrtpProfile profile) throws Exception {
        byte[] srtp = protect(context(profile), Packets.rtp(1));
        srtp[1] ^= 0x01; // payload type
        assertThat(refusal(context(profile), srtp)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetUnderAnotherKeyIsRejected(SrtpProfile profile) throws Exception {
        byte[] srtp = protect(context(profile), Packets.rtp(1));
        SrtpContext other = SrtpContext.create(profile, key(profile, 8), salt(profile));
        assertThat(refusal(other, srtp)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rejectedForgeryDoesNotAdvanceTheReceiver(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        unprotect(receiver, protect(sender, Packets.rtp(10)));
        byte[] forged = protect(context(profile), Packets.rtp(30000));
        forged[forged.length - 1] ^= 1;
        assertThat(refusal(receiver, forged)).isEqualTo(Reason.AUTHENTICATION_FAILED);

        byte[] next = Packets.rtp(11);
        assertThat(unprotect(receiver, protect(sender, next))).isEqualTo(next);
        assertThat(unprotect(receiver, protect(sender, Packets.rtp(30000)))).isEqualTo(Packets.rtp(30000));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void streamsOfDifferentSsrcsKeepSeparateState(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        byte[] audio = Packets.rtp(1L, 500, 80);
        byte[] video = Packets.rtp(2L, 500, 1100);
        unprotect(receiver, protect(sender, audio));

        assertThat(unprotect(receiver, protect(sender, video))).isEqualTo(video);
        assertThat(receiver.streamCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void newSsrcBeyondTheLimitIsRejected(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile, new SrtpSettings(64, 64, 2));
        unprotect(receiver, protect(sender, Packets.rtp(1L, 1, 20)));
        unprotect(receiver, protect(sender, Packets.rtp(2L, 1, 20)));

        assertThat(refusal(receiver, protect(sender, Packets.rtp(3L, 1, 20)))).isEqualTo(Reason.TOO_MANY_SSRCS);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aForgottenSsrcFreesItsPlaceForANewStream(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile, new SrtpSettings(64, 64, 2));
        SrtpContext receiver = context(profile);
        for (long ssrc = 1; ssrc <= 100; ssrc++) { // streams that come and go, two at a time at most
            byte[] rtp = Packets.rtp(ssrc, 7, 20);
            assertThat(unprotect(receiver, protect(sender, rtp))).as("ssrc %d", ssrc).isEqualTo(rtp);
            if (ssrc > 1) {
                assertThat(sender.forget(ssrc - 1)).isTrue();
                receiver.forget(ssrc - 1); // the receiving side drops the ended stream too
            }
            assertThat(sender.streamCount()).isLessThanOrEqualTo(2);
        }
        assertThat(sender.forget(12345L)).as("an SSRC it never had").isFalse();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void withoutForgettingTheSenderRunsOutOfStreams(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile, new SrtpSettings(64, 64, 2));
        protect(sender, Packets.rtp(1L, 1, 20));
        protect(sender, Packets.rtp(2L, 1, 20));
        try {
            protect(sender, Packets.rtp(3L, 1, 20));
            org.assertj.core.api.Assertions.fail("a third SSRC was accepted");
        } catch (SrtpException e) {
            assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_SSRCS);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetShorterThanHeaderAndTagIsMalformed(SrtpProfile profile) {
        byte[] tiny = Arrays.copyOf(Packets.rtp(1), 12 + profile.rtpOverhead() - 1);
        assertThat(refusal(context(profile), tiny)).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectWithoutTailRoomIsRefused(SrtpProfile profile) {
        byte[] rtp = Packets.rtp(1);
        assertThatThrownBy(() -> context(profile).protectRtp(rtp, 0, rtp.length, rtp, 0))
                .isInstanceOfSatisfying(SrtpException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BUFFER_TOO_SMALL));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void masterKeyOfTheWrongLengthIsRefused(SrtpProfile profile) {
        assertThatThrownBy(() -> SrtpContext.create(profile, new byte[15], salt(profile)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
