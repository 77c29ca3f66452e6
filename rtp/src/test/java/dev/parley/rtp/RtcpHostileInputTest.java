package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rtp.RtpParseException.Reason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Truncated, lying and malformed RTCP is refused with {@link RtpParseException}, never anything else. */
class RtcpHostileInputTest {

    private static Reason reason(String hex) {
        try {
            RtcpCompound.parse(Hex.bytes(hex));
            return null;
        } catch (RtpParseException e) {
            return e.reason();
        }
    }

    @Test
    void everyTruncationOfEveryFixtureIsRefusedUnlessItEndsOnAPacketBoundary() throws Exception {
        for (String fixture : List.of(ChromeFixtures.SR_SDES, ChromeFixtures.RR_REMB, ChromeFixtures.TRANSPORT_CC,
                ChromeFixtures.NACK_PLI_FIR)) {
            byte[] full = Hex.bytes(fixture);
            List<RtcpPacket> all = RtcpCompound.parse(full);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                try {
                    List<RtcpPacket> parsed = RtcpCompound.parse(cut);
                    assertThat(parsed).isEqualTo(all.subList(0, parsed.size()));
                    assertThat(RtcpCompound.encodedLength(parsed)).isEqualTo(len);
                } catch (RtpParseException e) {
                    assertThat(e.reason()).isIn(Reason.TRUNCATED, Reason.BAD_LENGTH);
                }
            }
        }
    }

    @Test
    void lengthFieldBeyondTheDatagramIsRefused() {
        assertThat(reason("81c90007 00000001")).isEqualTo(Reason.BAD_LENGTH);
        assertThat(reason("81c9ffff 00000001")).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void reportCountBeyondTheLengthIsTruncated() {
        assertThat(reason("82c90007 00000001 " + "00".repeat(24))).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void paddingLargerThanThePacketIsRefused() {
        assertThat(reason("a0c90001 00000009")).isEqualTo(Reason.BAD_PADDING);
        assertThat(reason("a0c90001 00000000")).isEqualTo(Reason.BAD_PADDING);
    }

    @Test
    void paddingThatEatsIntoTheReportIsTruncated() {
        assertThat(reason("a1c90007 00000001 " + "00".repeat(23) + "04")).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void wrongVersionAnywhereInTheCompoundIsRefused() {
        assertThat(reason("80c90001 00000001 40c90001 00000001")).isEqualTo(Reason.BAD_VERSION);
    }

    @Test
    void trailingBytesShorterThanAHeaderAreTruncated() {
        assertThat(reason("80c90001 00000001 80c9")).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void sdesItemRunningPastThePacketIsRefused() {
        assertThat(reason("81ca0002 00000001 01ff6162")).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void sdesChunkWithoutTerminatorIsTruncated() {
        assertThat(reason("81ca0002 00000001 01026162")).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void sdesTextThatIsNotUtf8IsRefused() {
        assertThat(reason("81ca0002 00000001 0101ff00")).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void byeReasonPastThePacketIsRefused() {
        assertThat(reason("81cb0002 00000001 09616263")).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void feedbackWithoutFciIsTruncated() {
        assertThat(reason("81cd0002 00000001 00000002")).isEqualTo(Reason.TRUNCATED);
        assertThat(reason("84ce0002 00000001 00000002")).isEqualTo(Reason.TRUNCATED);
        assertThat(reason("81ce0001 00000001")).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void rembListingMoreSsrcsThanItCarriesIsRefused() {
        assertThat(reason("8fce0004 00000001 00000000 52454d42 05000001")).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void rembExponentOverflowingSixtyFourBitsIsRefused() {
        assertThat(reason("8fce0004 00000001 00000000 52454d42 00fc0001")).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void transportCcWithTooFewChunksIsTruncated() {
        // 20 packets announced, one run-length chunk of 10
        assertThat(reason("8fcd0005 00000001 00000002 00000014 00000001 200a0000")).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void transportCcWithMissingDeltasIsTruncated() {
        // 4 packets, run of 4 large deltas, only 2 bytes of delta
        assertThat(reason("8fcd0005 00000001 00000002 00000004 00000001 40040001")).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void transportCcReservedSymbolIsRefused() {
        assertThat(reason("8fcd0005 00000001 00000002 00000001 00000001 60010000")).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void emptyDatagramIsTruncated() {
        assertThat(reason("")).isEqualTo(Reason.TRUNCATED);
    }
}
