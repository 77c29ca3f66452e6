package dev.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void builtPacketParsesBackToItsFields() throws Exception {
        byte[] bytes = new RtpPacketBuilder().marker(true).payloadType(96).sequenceNumber(65535)
                .timestamp(0xFFFF_FFF0L).ssrc(0xDEAD_BEEFL).csrc(1).csrc(0xFFFF_FFFFL)
                .payload(new byte[] {1, 2, 3}).build();

        RtpPacket p = RtpPacket.parse(bytes);

        assertThat(p.version()).isEqualTo(2);
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(0xFFFF_FFF0L);
        assertThat(p.ssrc()).isEqualTo(0xDEAD_BEEFL);
        assertThat(p.csrcCount()).isEqualTo(2);
        assertThat(p.csrc(1)).isEqualTo(0xFFFF_FFFFL);
        assertThat(p.headerLength()).isEqualTo(20);
        assertThat(p.payload()).containsExactly(1, 2, 3);
        assertThat(p.hasExtension()).isFalse();
        assertThat(p.headerExtensions()).isEmpty();
    }

    @Test
    void paddingIsExcludedFromThePayload() throws Exception {
        byte[] bytes = new RtpPacketBuilder().payload(new byte[] {9, 9}).padding(6).build();

        RtpPacket p = RtpPacket.parse(bytes);

        assertThat(p.hasPadding()).isTrue();
        assertThat(p.paddingLength()).isEqualTo(6);
        assertThat(p.payload()).containsExactly(9, 9);
        assertThat(bytes).hasSize(12 + 2 + 6);
    }

    @Test
    void smallExtensionsUseTheOneByteForm() throws Exception {
        byte[] bytes = new RtpPacketBuilder().extension(1, new byte[] {0x7F}).extension(14, new byte[16]).build();

        RtpPacket p = RtpPacket.parse(bytes);

        assertThat(p.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(p.headerExtensions()).containsExactly(new HeaderExtension(1, new byte[] {0x7F}),
                new HeaderExtension(14, new byte[16]));
        assertThat((p.headerLength() - 16) % 4).isZero();
    }

    @Test
    void largeIdOrEmptyDataSwitchesToTheTwoByteForm() throws Exception {
        byte[] bytes = new RtpPacketBuilder().extension(15, new byte[] {1}).extension(2, new byte[0])
                .extension(200, new byte[100]).build();

        RtpPacket p = RtpPacket.parse(bytes);

        assertThat(HeaderExtensions.isTwoByte(p.extensionProfile())).isTrue();
        assertThat(p.headerExtensions()).extracting(HeaderExtension::id).containsExactly(15, 2, 200);
        assertThat(p.extensionDataLength(2)).isZero();
        assertThat(p.extensionDataLength(200)).isEqualTo(100);
    }

    @Test
    void twoByteFormCanBeForcedForSmallExtensions() throws Exception {
        byte[] bytes = new RtpPacketBuilder().extension(3, new byte[] {0, 42}).twoByteExtensions().build();
        RtpPacket p = RtpPacket.parse(bytes);
        assertThat(p.extensionProfile()).isEqualTo(0x1000);
        assertThat(p.headerExtensions()).containsExactly(new HeaderExtension(3, new byte[] {0, 42}));
    }

    @Test
    void oneByteParserSkipsPaddingBytesBetweenElements() throws Exception {
        // RFC 8285 §4.2: zero bytes between elements are padding.
        byte[] bytes = Hex.bytes("90000001 00000002 00000003 bede0002 10aa0000 21bbcc00 ffff");
        RtpPacket p = RtpPacket.parse(bytes);
        assertThat(p.headerExtensions()).extracting(HeaderExtension::id).containsExactly(1, 2);
        assertThat(p.extensionDataLength(2)).isEqualTo(2);
    }

    @Test
    void oneByteIdFifteenStopsTheScan() throws Exception {
        // RFC 8285 §4.2: id 15 ends processing; what follows is ignored even if it looks like an element.
        byte[] bytes = Hex.bytes("90000001 00000002 00000003 bede0001 10aaf021");
        RtpPacket p = RtpPacket.parse(bytes);
        assertThat(p.headerExtensions()).extracting(HeaderExtension::id).containsExactly(1);
        assertThat(p.extensionDataOffset(2)).isEqualTo(-1);
    }

    @Test
    void otherExtensionProfilesAreOpaque() throws Exception {
        byte[] bytes = Hex.bytes("90000001 00000002 00000003 abcd0001 ffffffff 01");
        RtpPacket p = RtpPacket.parse(bytes);
        assertThat(p.extensionProfile()).isEqualTo(0xabcd);
        assertThat(p.headerExtensions()).isEmpty();
        assertThat(p.payload()).containsExactly(1);
    }

    @Test
    void settersRewriteTheHeaderInPlace() throws Exception {
        byte[] bytes = new RtpPacketBuilder().payloadType(111).sequenceNumber(1).timestamp(2).ssrc(3)
                .extension(1, new byte[] {5}).payload(new byte[] {7}).build();
        RtpPacket p = RtpPacket.parse(bytes);

        p.setSequenceNumber(65536 + 9);
        p.setTimestamp(0x1_0000_0005L);
        p.setSsrc(0xFEED_F00DL);
        p.setPayloadType(100);
        p.setMarker(true);

        RtpPacket again = RtpPacket.parse(bytes);
        assertThat(again.sequenceNumber()).isEqualTo(9);
        assertThat(again.timestamp()).isEqualTo(5);
        assertThat(again.ssrc()).isEqualTo(0xFEED_F00DL);
        assertThat(again.payloadType()).isEqualTo(100);
        assertThat(again.marker()).isTrue();
        assertThat(again.headerExtensions()).containsExactly(new HeaderExtension(1, new byte[] {5}));
        assertThat(again.payload()).containsExactly(7);
    }

    @Test
    void packetViewWorksAtAnOffsetInsideALargerBuffer() throws Exception {
        byte[] packet = new RtpPacketBuilder().sequenceNumber(77).payload(new byte[] {1, 2}).build();
        byte[] buffer = new byte[packet.length + 10];
        System.arraycopy(packet, 0, buffer, 5, packet.length);

        RtpPacket p = RtpPacket.parse(buffer, 5, packet.length);

        assertThat(p.sequenceNumber()).isEqualTo(77);
        assertThat(p.payloadOffset()).isEqualTo(17);
        assertThat(p.payload()).containsExactly(1, 2);
    }

    @Test
    void builderRefusesMoreThanFifteenCsrcsAndBadPayloadTypes() {
        RtpPacketBuilder b = new RtpPacketBuilder();
        for (int i = 0; i < 15; i++) {
            b.csrc(i);
        }
        assertThatThrownBy(() -> b.csrc(16)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.payloadType(128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderExtension(0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerExtensionListEncodingIsPaddedToWords() {
        List<HeaderExtension> one = List.of(new HeaderExtension(1, new byte[] {1}));
        assertThat(HeaderExtensions.encodedLength(one, true)).isEqualTo(4);
        assertThat(HeaderExtensions.encodedLength(one, false)).isEqualTo(4);
        assertThat(HeaderExtensions.encodedLength(List.of(new HeaderExtension(1, new byte[3])), false))
                .isEqualTo(8);
    }
}
