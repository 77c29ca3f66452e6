package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.rtp.RtpParseException.Reason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Truncated, lying and malformed RTP is refused with {@link RtpParseException}, never anything else. */
class RtpHostileInputTest {

    private static Reason reason(byte[] bytes) {
        try {
            RtpPacket.parse(bytes);
            return null;
        } catch (RtpParseException e) {
            return e.reason();
        }
    }

    @Test
    void everyTruncationOfAFixtureIsRefusedOrStaysInsideItsBytes() {
        for (String fixture : new String[] {ChromeFixtures.OPUS, ChromeFixtures.VP8, ChromeFixtures.VP8_RTX}) {
            byte[] full = Hex.bytes(fixture);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                try {
                    RtpPacket p = RtpPacket.parse(cut);
                    assertThat(len).as("a cut inside the header must fail").isGreaterThanOrEqualTo(28);
                    assertThat(p.headerLength() + p.payloadLength() + p.paddingLength()).isEqualTo(len);
                    assertThat(p.headerExtensions()).isNotEmpty();
                } catch (RtpParseException e) {
                    assertThat(len).as("only cuts inside the header fail").isLessThan(28);
                }
            }
        }
    }

    @Test
    void shorterThanTheFixedHeaderIsTruncated() {
        assertThat(reason(new byte[11])).isEqualTo(Reason.TRUNCATED);
        assertThat(reason(new byte[0])).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void versionOtherThanTwoIsRefused() {
        byte[] b = new byte[12];
        b[0] = 0x40;
        assertThat(reason(b)).isEqualTo(Reason.BAD_VERSION);
    }

    @Test
    void csrcCountBeyondThePacketIsRefused() {
        byte[] b = Hex.bytes("8f000001 00000002 00000003 00000004");
        assertThat(reason(b)).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void extensionLengthBeyondThePacketIsRefused() {
        assertThat(reason(Hex.bytes("90000001 00000002 00000003 bede0002 10aa0000"))).isEqualTo(Reason.BAD_LENGTH);
        assertThat(reason(Hex.bytes("90000001 00000002 00000003 bedeffff"))).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void extensionHeaderCutShortIsTruncated() {
        assertThat(reason(Hex.bytes("90000001 00000002 00000003 bede"))).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void oneByteElementOverflowingItsBlockIsRefused() {
        // element id 1 claims 16 bytes inside a 4-byte block
        assertThat(reason(Hex.bytes("90000001 00000002 00000003 bede0001 1f000000")))
                .isEqualTo(Reason.BAD_EXTENSION);
    }

    @Test
    void twoByteElementOverflowingItsBlockIsRefused() {
        assertThat(reason(Hex.bytes("90000001 00000002 00000003 10000001 01ff0000")))
                .isEqualTo(Reason.BAD_EXTENSION);
        assertThat(reason(Hex.bytes("90000001 00000002 00000003 10000001 00000001")))
                .isEqualTo(Reason.BAD_EXTENSION);
    }

    @Test
    void paddingLargerThanThePayloadIsRefused() {
        assertThat(reason(Hex.bytes("a0000001 00000002 00000003 aabbcc05"))).isEqualTo(Reason.BAD_PADDING);
    }

    @Test
    void paddingCountOfZeroIsRefused() {
        assertThat(reason(Hex.bytes("a0000001 00000002 00000003 aabbcc00"))).isEqualTo(Reason.BAD_PADDING);
    }

    @Test
    void paddingEqualToEverythingAfterTheHeaderLeavesAnEmptyPayload() throws Exception {
        RtpPacket p = RtpPacket.parse(Hex.bytes("a0000001 00000002 00000003 00000004"));
        assertThat(p.payloadLength()).isZero();
    }

    @Test
    void outOfRangeViewIsAProgrammingError() {
        assertThatThrownBy(() -> RtpPacket.parse(new byte[20], 10, 20))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
