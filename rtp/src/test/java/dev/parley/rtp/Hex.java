package dev.parley.rtp;

import java.util.HexFormat;

/** Hex fixtures written the way RFCs and packet dumps print them: whitespace ignored. */
final class Hex {

    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", "").toLowerCase());
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
