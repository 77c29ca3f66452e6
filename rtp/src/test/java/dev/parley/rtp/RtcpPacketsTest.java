package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.rtp.TransportCcFeedback.PacketStatus;
import dev.parley.rtp.TransportCcFeedback.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each RTCP packet type serializes and parses back to an equal value, alone and in compounds. */
class RtcpPacketsTest {

    private static RtcpPacket roundTrip(RtcpPacket packet) throws Exception {
        byte[] bytes = RtcpCompound.encode(List.of(packet));
        assertThat(bytes).hasSize(packet.encodedLength());
        assertThat(bytes.length % 4).isZero();
        List<RtcpPacket> parsed = RtcpCompound.parse(bytes);
        assertThat(parsed).hasSize(1);
        return parsed.get(0);
    }

    private static final ReportBlock BLOCK = new ReportBlock(0x11111111L, 25, -3, 0x0001_FFFFL, 120, 0xAABBCCDDL,
            65536);

    @Test
    void senderReportRoundTrips() throws Exception {
        SenderReport sr = new SenderReport(1, 0x8000_0000_0000_0001L, 0xFFFF_FFFFL, 10, 20, List.of(BLOCK, BLOCK));
        assertThat(roundTrip(sr)).isEqualTo(sr);
    }

    @Test
    void receiverReportRoundTripsWithNegativeCumulativeLoss() throws Exception {
        ReceiverReport rr = new ReceiverReport(0xFFFF_FFFFL, List.of(BLOCK));
        assertThat(roundTrip(rr)).isEqualTo(rr);
        assertThat(((ReceiverReport) roundTrip(rr)).reports().get(0).cumulativeLost()).isEqualTo(-3);
    }

    @Test
    void emptyReceiverReportIsEightBytes() throws Exception {
        ReceiverReport rr = new ReceiverReport(5, List.of());
        assertThat(rr.encodedLength()).isEqualTo(8);
        assertThat(roundTrip(rr)).isEqualTo(rr);
    }

    @Test
    void sourceDescriptionRoundTripsChunksOfEveryPaddingLength() throws Exception {
        List<SourceDescription.Chunk> chunks = new ArrayList<>();
        for (int len = 0; len < 5; len++) {
            chunks.add(new SourceDescription.Chunk(len, List.of(new SourceDescription.Item(1, "x".repeat(len)),
                    new SourceDescription.Item(6, "Parley ü"))));
        }
        SourceDescription sdes = new SourceDescription(chunks);
        assertThat(roundTrip(sdes)).isEqualTo(sdes);
    }

    @Test
    void byeRoundTripsWithAndWithoutReason() throws Exception {
        Bye bye = new Bye(List.of(1L, 2L), "left the room");
        assertThat(roundTrip(bye)).isEqualTo(bye);
        Bye silent = new Bye(List.of(3L), "");
        assertThat(roundTrip(silent)).isEqualTo(silent);
        assertThat(silent.encodedLength()).isEqualTo(8);
    }

    @Test
    void nackBitmaskExpandsToTheLostSequenceNumbers() throws Exception {
        // PID 100, BLP 0x8001: 101 (bit 0) and 116 (bit 15) are lost too.
        byte[] bytes = Hex.bytes("81cd0003 00000001 00000002 00648001");
        GenericNack nack = (GenericNack) RtcpCompound.parse(bytes).get(0);
        assertThat(nack.lostSequenceNumbers()).containsExactly(100, 101, 116);
    }

    @Test
    void nackBuiltFromALossListPacksSeventeenPerEntry() {
        List<Integer> lost = new ArrayList<>();
        for (int s = 200; s <= 216; s++) {
            lost.add(s);
        }
        lost.add(217);
        GenericNack nack = GenericNack.of(1, 2, lost);
        assertThat(nack.fciEntries()).containsExactly((200 << 16) | 0xFFFF, 217 << 16);
        assertThat(nack.encodedLength()).isEqualTo(12 + 8);
    }

    @Test
    void nackBuiltAcrossTheSequenceWrapOrdersAndPacksAroundIt() throws Exception {
        GenericNack nack = GenericNack.of(1, 2, List.of(65534, 1, 65535, 0, 65534));
        assertThat(nack.lostSequenceNumbers()).containsExactly(65534, 65535, 0, 1);
        assertThat(nack.fciEntries()).containsExactly((65534 << 16) | 0b111);
        assertThat(((GenericNack) roundTrip(nack)).lostSequenceNumbers()).containsExactly(65534, 65535, 0, 1);
    }

    @Test
    void nackNeedsAtLeastOneLoss() {
        assertThatThrownBy(() -> GenericNack.of(1, 2, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pliAndFirRoundTrip() throws Exception {
        PictureLossIndication pli = new PictureLossIndication(7, 8);
        assertThat(roundTrip(pli)).isEqualTo(pli);
        FullIntraRequest fir = new FullIntraRequest(7, List.of(new FullIntraRequest.Entry(8, 255),
                new FullIntraRequest.Entry(9, 0)));
        assertThat(roundTrip(fir)).isEqualTo(fir);
    }

    @Test
    void rembRoundTripsBitratesThatFitTheMantissaExactly() throws Exception {
        Remb small = new Remb(1, 250_000, List.of(2L, 3L));
        assertThat(roundTrip(small)).isEqualTo(small);
        Remb big = new Remb(1, 0x3FFFFL << 20, List.of());
        assertThat(roundTrip(big)).isEqualTo(big);
    }

    @Test
    void rembRoundsAnUnrepresentableBitrateDown() throws Exception {
        Remb remb = new Remb(1, (1L << 40) + 1, List.of(2L));
        assertThat(((Remb) roundTrip(remb)).bitrate()).isEqualTo(1L << 40);
    }

    @Test
    void transportCcRoundTripsEveryChunkType() throws Exception {
        List<PacketStatus> packets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            packets.add(new PacketStatus(65530 + i & 0xFFFF, Symbol.SMALL_DELTA, i));
        }
        packets.add(new PacketStatus(24, Symbol.LARGE_DELTA, -300));
        packets.add(new PacketStatus(25, Symbol.NOT_RECEIVED, 0));
        for (int i = 0; i < 20; i++) {
            packets.add(new PacketStatus(26 + i, i % 3 == 0 ? Symbol.NOT_RECEIVED : Symbol.SMALL_DELTA,
                    i % 3 == 0 ? 0 : 255));
        }
        TransportCcFeedback fb = new TransportCcFeedback(1, 2, 65530, -5, 200, packets);

        TransportCcFeedback back = (TransportCcFeedback) roundTrip(fb);

        assertThat(back).isEqualTo(fb);
        assertThat(fb.chunks()).anyMatch(c -> (c & 0x8000) == 0)
                .anyMatch(c -> (c & 0xC000) == 0xC000)
                .anyMatch(c -> (c & 0xC000) == 0x8000);
    }

    @Test
    void unknownPacketTypesAreKeptForForwarding() throws Exception {
        byte[] app = Hex.bytes("85cc0003 00000001 6e616d65 01020304");
        RtcpPacket p = RtcpCompound.parse(app).get(0);
        assertThat(p).isEqualTo(new UnknownRtcpPacket(5, 204, Hex.bytes("00000001 6e616d65 01020304")));
        assertThat(RtcpCompound.encode(List.of(p))).isEqualTo(app);
    }

    @Test
    void fmtFifteenWithoutRembIdentifierIsUnknown() throws Exception {
        byte[] afb = Hex.bytes("8fce0003 00000001 00000002 41424344");
        assertThat(RtcpCompound.parse(afb).get(0)).isInstanceOf(UnknownRtcpPacket.class);
    }

    @Test
    void compoundOfEveryTypeRoundTripsInOrder() throws Exception {
        List<RtcpPacket> compound = List.of(
                new SenderReport(1, 2, 3, 4, 5, List.of(BLOCK)),
                new SourceDescription(List.of(new SourceDescription.Chunk(1,
                        List.of(new SourceDescription.Item(1, "cname"))))),
                new GenericNack(1, 2, List.of(10, 12)),
                new PictureLossIndication(1, 2),
                new Remb(1, 1000, List.of(2L)),
                new Bye(List.of(1L), "bye"));
        assertThat(RtcpCompound.parse(RtcpCompound.encode(compound))).isEqualTo(compound);
    }
}
