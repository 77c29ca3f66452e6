package dev.parley.rtp;

/**
 * Packets shaped like what Chrome sends with its default offer: extmap 1 = ssrc-audio-level, 2 = abs-send-time,
 * 3 = transport-wide-cc-01, 4 = sdes:mid; Opus on PT 111, VP8 on PT 96 with RTX on PT 97.
 */
final class ChromeFixtures {

    private ChromeFixtures() {}

    /** Opus, seq 6699, ts 123456, SSRC 0x5f3c2d1e; extensions audio level (V=1, -10 dBov), abs-send-time, twcc 42, mid "0". */
    static final String OPUS = """
            906f1a2b 0001e240 5f3c2d1e
            bede0003 108a223b 5f1c3100 2a403000
            780be4c1 36ecc580 a1a0c2e6 4f1d3a0e 8c41f61a""";

    /** VP8 keyframe start, marker set, seq 1200, SSRC 0x0b0c0d0e; abs-send-time, twcc 43, mid "1". */
    static final String VP8 = """
            90e004b0 00bb8000 0b0c0d0e
            bede0003 223b5f20 31002b40 31000000
            90801c4b 1002009d 012a8002 e0010102 03040506""";

    /**
     * RTX (RFC 4588 §4) of the VP8 packet: PT 97, its own SSRC 0x1a2b3c4d and sequence 77, payload = original
     * sequence number 1200 followed by the original payload.
     */
    static final String VP8_RTX = """
            90e1004d 00bb8000 1a2b3c4d
            bede0003 223b5f30 31002c40 31000000
            04b0 90801c4b 1002009d 012a8002 e0010102 03040506""";

    /** SR (SSRC 0x5f3c2d1e) followed by SDES with a 16-character CNAME, as Chrome sends every few seconds. */
    static final String SR_SDES = """
            80c80006 5f3c2d1e e9c1a2b3 4c5d6e7f 0001e240 000004d2 0001b207
            81ca0006 5f3c2d1e 01105a63 62565147 736d3872 36664a34 78570000""";

    /** RR + REMB (588972 bps for one SSRC) + transport-cc, a receiver's feedback compound. */
    static final String RR_REMB = """
            81c90007 fa17fa17 5f3c2d1e 0a0000ff 00001a2b 00000020 e9c1a2b3 00012000
            8fce0005 fa17fa17 00000000 52454d42 010a3f2b 0b0c0d0e""";

    /**
     * Transport-cc: base 0x0100, 20 packets, reference time 0x001234, feedback count 5. Chunks: run-length of 10
     * small deltas, a 2-bit vector (large, lost, small, small, lost, lost, small), a 1-bit vector (small, lost,
     * small); 17 delta bytes, one byte of padding.
     */
    static final String TRANSPORT_CC = """
            afcd000a fa17fa17 0b0c0d0e 01000014 00123405 200ae141
            a8000404 05030404 04050404 fff00804 04040401""";

    /** Generic NACK for 3000, 3001 and 3003; PLI; FIR with command sequence 7. */
    static final String NACK_PLI_FIR = """
            81cd0003 fa17fa17 0b0c0d0e 0bb80005
            81ce0002 fa17fa17 0b0c0d0e
            84ce0004 fa17fa17 00000000 0b0c0d0e 07000000""";
}
