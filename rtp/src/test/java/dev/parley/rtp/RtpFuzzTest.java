package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the RTP and RTCP parsers: any datagram parses or raises {@link RtpParseException}, never another
 * exception, and what parses is consistent. A plain test run replays the seed corpus in
 * {@code src/test/resources/dev/parley/rtp/RtpFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class RtpFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void rtpParseStaysInsideThePacketOrThrowsParseException(byte[] input) {
        try {
            RtpPacket p = RtpPacket.parse(input);
            assertThat(p.headerLength() + p.payloadLength() + p.paddingLength()).isEqualTo(input.length);
            assertThat(p.payloadLength()).isNotNegative();
            for (HeaderExtension e : p.headerExtensions()) {
                assertThat(p.extensionDataOffset(e.id())).isBetween(0, p.headerLength());
            }
        } catch (RtpParseException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void rtcpParseReEncodesStablyOrThrowsParseException(byte[] input) {
        try {
            List<RtcpPacket> packets = RtcpCompound.parse(input);
            byte[] once = RtcpCompound.encode(packets);
            byte[] twice = RtcpCompound.encode(RtcpCompound.parse(once));
            assertThat(twice).isEqualTo(once);
        } catch (RtpParseException e) {
            assertThat(e.reason()).isNotNull();
        }
    }
}
