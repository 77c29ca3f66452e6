package dev.parley.srtp;

import java.util.HexFormat;

/** Hex fixtures as RFCs print them: spaces and line breaks ignored. */
final class Hex {

    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", "").toLowerCase());
    }

    static String string(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }
}
