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
