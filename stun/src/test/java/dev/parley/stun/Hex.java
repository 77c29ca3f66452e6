package dev.parley.stun;

import java.util.HexFormat;

/** Test fixtures as hex with whitespace. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }
}
