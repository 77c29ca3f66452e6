package dev.parley.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Stateful fuzzing of SRTP/SRTCP unprotect with a real key pair: any sequence of genuine packets (of fuzzed SSRCs,
 * sequence numbers and payloads), of genuine packets with bytes changed, of replays and of raw bytes either decrypts
 * to exactly what was protected or is refused with an {@link SrtpException}, never anything else; a changed packet
 * never decrypts, and a replay never decrypts twice. A plain test run replays the seeds in
 * {@code src/test/resources/dev/parley/srtp/SrtpUnprotectFuzzTestInputs/}.
 */
class SrtpUnprotectFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void unprotectDecryptsGenuinePacketsOnceAndRefusesEverythingElse(FuzzedDataProvider data) {
        SrtpProfile profile = data.consumeBoolean() ? SrtpProfile.AEAD_AES_128_GCM : SrtpProfile.AES128_CM_HMAC_SHA1_80;
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        Arrays.fill(key, (byte) 7);
        Arrays.fill(salt, (byte) 9);
        SrtpContext sender = SrtpContext.create(profile, key, salt);
        SrtpContext receiver = SrtpContext.create(profile, key, salt, new SrtpSettings(64, 64, 4));
        byte[] last = null;
        boolean lastRtcp = false;
        for (int step = 0; step < 32 && data.remainingBytes() > 0; step++) {
            int kind = data.consumeInt(0, 4);
            boolean rtcp = data.consumeBoolean();
            byte[] plain = rtcp ? Packets.rtcp(data.consumeInt(1, 6))
                    : Packets.rtp(data.consumeInt(1, 6), data.consumeInt(0, 65535), data.consumeInt(0, 200));
            switch (kind) {
                case 0, 1 -> { // genuine (twice as likely, so streams advance)
                    byte[] srtp = protect(sender, plain, rtcp);
                    if (srtp != null) {
                        byte[] got = unprotect(receiver, srtp, rtcp);
                        if (got != null) {
                            assertThat(got).isEqualTo(plain);
                        }
                        last = srtp;
                        lastRtcp = rtcp;
                    }
                }
                case 2 -> { // genuine with bytes changed
                    byte[] srtp = protect(sender, plain, rtcp);
                    if (srtp != null) {
                        int at = data.consumeInt(0, srtp.length - 1);
                        srtp[at] ^= (byte) data.consumeInt(1, 255);
                        assertThat(unprotect(receiver, srtp, rtcp)).as("a changed packet").isNull();
                    }
                }
                case 3 -> { // a replay of the last genuine packet
                    if (last != null) {
                        assertThat(unprotect(receiver, last.clone(), lastRtcp)).as("a replay").isNull();
                    }
                }
                default -> {
                    byte[] raw = data.consumeBytes(400);
                    unprotect(receiver, raw, data.consumeBoolean());
                }
            }
        }
    }

    private static byte[] protect(SrtpContext sender, byte[] plain, boolean rtcp) {
        byte[] out = new byte[plain.length + 64];
        try {
            int n = rtcp ? sender.protectRtcp(plain, 0, plain.length, out, 0)
                    : sender.protectRtp(plain, 0, plain.length, out, 0);
            return Arrays.copyOf(out, n);
        } catch (SrtpException e) {
            return null;
        }
    }

    /** The plaintext, or null when refused. */
    private static byte[] unprotect(SrtpContext receiver, byte[] srtp, boolean rtcp) {
        byte[] out = new byte[srtp.length + 16];
        try {
            int n = rtcp ? receiver.unprotectRtcp(srtp, 0, srtp.length, out, 0)
                    : receiver.unprotectRtp(srtp, 0, srtp.length, out, 0);
            return Arrays.copyOf(out, n);
        } catch (SrtpException e) {
            assertThat(e.reason()).isNotNull();
            return null;
        }
    }
}
