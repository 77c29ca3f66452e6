package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Packets shaped like Chrome's parse into the fields Chrome put there. */
class ChromeFixturesTest {

    @Test
    void opusPacketExposesAudioLevelAbsSendTimeAndTransportSequence() throws Exception {
        RtpPacket p = RtpPacket.parse(Hex.bytes(ChromeFixtures.OPUS));

        assertThat(p.payloadType()).isEqualTo(111);
        assertThat(p.sequenceNumber()).isEqualTo(6699);
        assertThat(p.timestamp()).isEqualTo(123456);
        assertThat(p.ssrc()).isEqualTo(0x5f3c2d1eL);
        assertThat(p.extensionProfile()).isEqualTo(HeaderExtensions.ONE_BYTE_PROFILE);
        assertThat(p.headerLength()).isEqualTo(28);
        assertThat(p.payloadLength()).isEqualTo(20);
        int level = p.buffer()[p.extensionDataOffset(1)] & 0xFF;
        assertThat(level >>> 7).as("voice activity").isEqualTo(1);
        assertThat(level & 0x7F).as("-dBov").isEqualTo(10);
        assertThat(p.extensionDataLength(2)).isEqualTo(3);
        int at = p.extensionDataOffset(3);
        assertThat(((p.buffer()[at] & 0xFF) << 8) | (p.buffer()[at + 1] & 0xFF)).isEqualTo(42);
        assertThat(p.headerExtensions()).extracting(HeaderExtension::id).containsExactly(1, 2, 3, 4);
        assertThat(new String(p.headerExtensions().get(3).data())).isEqualTo("0");
    }

    @Test
    void vp8PacketHasMarkerAndPayloadDescriptorAfterTheExtensions() throws Exception {
        RtpPacket p = RtpPacket.parse(Hex.bytes(ChromeFixtures.VP8));

        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.marker()).isTrue();
        assertThat(p.sequenceNumber()).isEqualTo(1200);
        assertThat(p.extensionDataLength(4)).isEqualTo(1);
        assertThat(Hex.of(p.payload())).startsWith("90801c4b" + "1002009d012a");
    }

    @Test
    void rtxPacketCarriesTheOriginalSequenceNumberAndPayload() throws Exception {
        RtpPacket original = RtpPacket.parse(Hex.bytes(ChromeFixtures.VP8));
        RtpPacket rtx = RtpPacket.parse(Hex.bytes(ChromeFixtures.VP8_RTX));

        assertThat(rtx.payloadType()).isEqualTo(97);
        assertThat(rtx.ssrc()).isEqualTo(0x1a2b3c4dL);
        byte[] payload = rtx.payload();
        assertThat(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)).isEqualTo(original.sequenceNumber());
        assertThat(Hex.of(payload).substring(4)).isEqualTo(Hex.of(original.payload()));
    }

    @Test
    void senderReportAndSdesCompoundParses() throws Exception {
        List<RtcpPacket> packets = RtcpCompound.parse(Hex.bytes(ChromeFixtures.SR_SDES));

        assertThat(packets).hasSize(2);
        SenderReport sr = (SenderReport) packets.get(0);
        assertThat(sr.ssrc()).isEqualTo(0x5f3c2d1eL);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xe9c1a2b34c5d6e7fL);
        assertThat(sr.rtpTimestamp()).isEqualTo(123456);
        assertThat(sr.packetCount()).isEqualTo(1234);
        assertThat(sr.octetCount()).isEqualTo(111111);
        assertThat(sr.reports()).isEmpty();
        SourceDescription sdes = (SourceDescription) packets.get(1);
        assertThat(sdes.chunks()).singleElement().satisfies(c -> {
            assertThat(c.ssrc()).isEqualTo(0x5f3c2d1eL);
            assertThat(c.items()).containsExactly(new SourceDescription.Item(SourceDescription.CNAME,
                    "ZcbVQGsm8r6fJ4xW"));
        });
    }

    @Test
    void receiverReportAndRembCompoundParses() throws Exception {
        List<RtcpPacket> packets = RtcpCompound.parse(Hex.bytes(ChromeFixtures.RR_REMB));

        ReceiverReport rr = (ReceiverReport) packets.get(0);
        assertThat(rr.reports()).containsExactly(
                new ReportBlock(0x5f3c2d1eL, 10, 255, 0x1a2b, 32, 0xe9c1a2b3L, 0x12000));
        assertThat(packets.get(1)).isEqualTo(new Remb(0xfa17fa17L, 588_972, List.of(0x0b0c0d0eL)));
    }

    @Test
    void transportCcFeedbackExpandsRunLengthAndBothVectorChunks() throws Exception {
        TransportCcFeedback fb = (TransportCcFeedback) RtcpCompound.parse(Hex.bytes(ChromeFixtures.TRANSPORT_CC))
                .get(0);

        assertThat(fb.baseSequence()).isEqualTo(0x100);
        assertThat(fb.referenceTime()).isEqualTo(0x1234);
        assertThat(fb.referenceTimeMicros()).isEqualTo(0x1234 * 64_000L);
        assertThat(fb.feedbackPacketCount()).isEqualTo(5);
        assertThat(fb.packets()).hasSize(20);
        assertThat(fb.packets().subList(0, 10)).allMatch(p -> p.symbol() == TransportCcFeedback.Symbol.SMALL_DELTA);
        assertThat(fb.packets().get(0).deltaMicros()).isEqualTo(1000);
        assertThat(fb.packets().get(10)).isEqualTo(new TransportCcFeedback.PacketStatus(0x10a,
                TransportCcFeedback.Symbol.LARGE_DELTA, -16));
        assertThat(fb.packets().subList(11, 20)).extracting(p -> p.received() ? p.deltaTicks() : -1)
                .containsExactly(-1, 8, 4, -1, -1, 4, 4, -1, 4);
        assertThat(fb.packets().get(19).sequenceNumber()).isEqualTo(0x113);
    }

    @Test
    void nackPliAndFirCompoundParses() throws Exception {
        List<RtcpPacket> packets = RtcpCompound.parse(Hex.bytes(ChromeFixtures.NACK_PLI_FIR));

        assertThat(packets).containsExactly(
                new GenericNack(0xfa17fa17L, 0x0b0c0d0eL, List.of(3000, 3001, 3003)),
                new PictureLossIndication(0xfa17fa17L, 0x0b0c0d0eL),
                new FullIntraRequest(0xfa17fa17L, List.of(new FullIntraRequest.Entry(0x0b0c0d0eL, 7))));
    }

    @Test
    void everyRtcpFixtureSerializesBackToTheSameBytes() throws Exception {
        for (String fixture : List.of(ChromeFixtures.SR_SDES, ChromeFixtures.RR_REMB, ChromeFixtures.TRANSPORT_CC,
                ChromeFixtures.NACK_PLI_FIR)) {
            byte[] bytes = Hex.bytes(fixture);
            assertThat(Hex.of(RtcpCompound.encode(RtcpCompound.parse(bytes)))).isEqualTo(Hex.of(bytes));
        }
    }
}
