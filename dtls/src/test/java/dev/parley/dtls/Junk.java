package dev.parley.dtls;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hostile datagrams for the DTLS endpoint. */
final class Junk {

    private Junk() {
    }

    /** A mix: not DTLS at all, too short, and records that look like DTLS but are not valid. */
    static List<byte[]> datagrams() {
        List<byte[]> all = new ArrayList<>();
        all.add(new byte[0]);
        all.add(new byte[] {22});
        all.add(new byte[] {0, 1, 0, 0, 0x21, 0x12, (byte) 0xa4, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // STUN
        all.add(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 42, 1, 2}); // RTP
        all.addAll(plausibleRecords());
        return all;
    }

    /** Datagrams whose first byte says DTLS (RFC 7983: 20-63) but whose content is garbage. */
    static List<byte[]> plausibleRecords() {
        Random random = new Random(7);
        List<byte[]> all = new ArrayList<>();
        // handshake record whose length field runs past the datagram
        all.add(hex("16fefd000000000000000000ff0100"));
        // handshake record of the right length holding a truncated ClientHello
        all.add(hex("16fefd00000000000000000005010000ff00"));
        // a record with an unknown version and content type
        all.add(hex("3f01020000000000000000000400000000"));
        // alert record claiming epoch 1 (we have no keys for it)
        all.add(hex("15fefd0001000000000005001a00000000000000000000000000000000000000"));
        for (int i = 0; i < 8; i++) {
            byte[] b = new byte[13 + random.nextInt(300)];
            random.nextBytes(b);
            b[0] = (byte) (20 + random.nextInt(44));
            all.add(b);
        }
        return all;
    }

    private static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }
}
