package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketBytesTest {

    /** RTP, SSRC 0x01020304, seq 7, ts 1000, a one-byte-header extension block holding sdes:mid = {@code mid}. */
    private static byte[] withMid(String mid, int payloadLength) {
        byte[] p = new byte[12 + 8 + payloadLength];
        p[0] = (byte) 0x90; // V=2, X=1
        p[1] = 96;
        p[3] = 7;
        PacketBytes.put32(p, 4, 1000);
        PacketBytes.put32(p, 8, 0x01020304L);
        p[12] = (byte) 0xBE;
        p[13] = (byte) 0xDE;
        p[15] = 1; // one 32-bit word of elements
        p[16] = (byte) ((OfferWriter.MID_EXTENSION_ID << 4) | (mid.length() - 1));
        for (int i = 0; i < mid.length(); i++) {
            p[17 + i] = (byte) mid.charAt(i);
        }
        for (int i = 0; i < payloadLength; i++) {
            p[20 + i] = (byte) (i + 1);
        }
        return p;
    }

    /** RTP with an extension block of the given profile and element bytes (padded to a word). */
    private static byte[] withExtensions(int profile, int... elements) {
        int words = (elements.length + 3) / 4;
        byte[] p = new byte[12 + 4 + 4 * words + 4];
        p[0] = (byte) 0x90;
        p[1] = 96;
        PacketBytes.put16(p, 12, profile);
        PacketBytes.put16(p, 14, words);
        for (int i = 0; i < elements.length; i++) {
            p[16 + i] = (byte) elements[i];
        }
        return p;
    }

    @Test
    void theTransportWideSequenceNumberIsReadInOneAndTwoByteForms() {
        int id = OfferWriter.TRANSPORT_CC_EXTENSION_ID;
        // One-byte form: mid "1" (id 1, length 1), padding, then transport-cc (length 2) = 0x1234.
        byte[] oneByte = withExtensions(0xBEDE, 0x10, '1', 0, (id << 4) | 1, 0x12, 0x34);
        assertThat(PacketBytes.transportSequence(oneByte, oneByte.length)).isEqualTo(0x1234);
        // Two-byte form (RFC 8285 §4.3): id, length, value.
        byte[] twoByte = withExtensions(0x1000, 1, 1, '1', id, 2, 0xff, 0xfe);
        assertThat(PacketBytes.transportSequence(twoByte, twoByte.length)).isEqualTo(0xfffe);
    }

    @Test
    void aMissingOrMalformedTransportWideSequenceNumberReadsAsNone() {
        int id = OfferWriter.TRANSPORT_CC_EXTENSION_ID;
        byte[] absent = withExtensions(0xBEDE, 0x10, '1');
        assertThat(PacketBytes.transportSequence(absent, absent.length)).isEqualTo(-1);
        byte[] wrongLength = withExtensions(0xBEDE, (id << 4), 0x12);
        assertThat(PacketBytes.transportSequence(wrongLength, wrongLength.length)).isEqualTo(-1);
        byte[] afterStop = withExtensions(0xBEDE, 0xF0, (id << 4) | 1, 0x12, 0x34);
        assertThat(PacketBytes.transportSequence(afterStop, afterStop.length)).as("after id 15, stop").isEqualTo(-1);
        byte[] overrun = withExtensions(0xBEDE, (id << 4) | 1, 0x12, 0x34);
        PacketBytes.put16(overrun, 14, 200); // claims 200 words
        assertThat(PacketBytes.transportSequence(overrun, overrun.length)).isEqualTo(-1);
        byte[] otherProfile = withExtensions(0xABCD, (id << 4) | 1, 0x12, 0x34);
        assertThat(PacketBytes.transportSequence(otherProfile, otherProfile.length)).isEqualTo(-1);
        byte[] noExtension = new byte[20];
        noExtension[0] = (byte) 0x80;
        assertThat(PacketBytes.transportSequence(noExtension, 20)).isEqualTo(-1);
        assertThat(PacketBytes.transportSequence(oneWord(), 13)).as("cut short").isEqualTo(-1);
    }

    private static byte[] oneWord() {
        byte[] p = withExtensions(0xBEDE, (OfferWriter.TRANSPORT_CC_EXTENSION_ID << 4) | 1, 0x12, 0x34);
        return p;
    }

    @Test
    void theMidExtensionNamesTheSlot() {
        assertThat(PacketBytes.slotOfMidExtension(withMid("1", 10), 30)).isEqualTo(Source.CAMERA);
        assertThat(PacketBytes.slotOfMidExtension(withMid("2", 10), 30)).isEqualTo(Source.SCREEN);
        assertThat(PacketBytes.slotOfMidExtension(withMid("7", 10), 30)).as("not a slot").isNull();
        assertThat(PacketBytes.slotOfMidExtension(withMid("1", 10), 15)).as("cut short").isNull();
    }

    @Test
    void rewriteDropsTheExtensionAndWritesTheSectionsSsrcSequenceAndTimestamp() {
        DownstreamSection d = new DownstreamSection(null, "3", "video");
        d.outSsrc = 0xAABBCCDDL;
        byte[] out = new byte[64];
        int length = PacketBytes.rewrite(d, withMid("1", 10), 30, out);

        assertThat(length).isEqualTo(22);
        assertThat(out[0] & 0xff).as("X bit cleared").isEqualTo(0x80);
        assertThat(PacketBytes.u16(out, 2)).isEqualTo(7);
        assertThat(PacketBytes.u32(out, 4)).isEqualTo(1000);
        assertThat(PacketBytes.u32(out, 8)).isEqualTo(0xAABBCCDDL);
        assertThat(Arrays.copyOfRange(out, 12, 22)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(PacketBytes.rewrite(d, withMid("1", 0), 14, out)).as("extension cut short").isEqualTo(-1);
    }
}
