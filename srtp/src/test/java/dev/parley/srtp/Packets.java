package dev.parley.srtp;

import dev.parley.rtp.RtpPacketBuilder;
import java.util.Arrays;

/** RTP and RTCP packets for SRTP tests, with tail room for the tag. */
final class Packets {

    static final long SSRC = 0x1234_5678L;

    private Packets() {}

    /** An RTP packet with a one-byte header extension and a payload derived from {@code seq}. */
    static byte[] rtp(long ssrc, int seq, int payloadLength) {
        byte[] payload = new byte[payloadLength];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (seq * 31 + i);
        }
        return new RtpPacketBuilder().payloadType(111).sequenceNumber(seq).timestamp(seq * 960L).ssrc(ssrc)
                .extension(1, new byte[] {(byte) 0x90}).payload(payload).build();
    }

    static byte[] rtp(int seq) {
        return rtp(SSRC, seq, 160);
    }

    /** A receiver report with one report block. */
    static byte[] rtcp(long ssrc) {
        return Hex.bytes("81c90007" + String.format("%08x", ssrc)
                + "11111111 01000002 0000ffff 00000010 00000000 00000000");
    }

    static byte[] withRoom(byte[] packet, int room) {
        return Arrays.copyOf(packet, packet.length + room);
    }
}
