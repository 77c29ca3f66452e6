package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-function> <hex>:<hex>...} (RFC 8122 §5): the hash of the DTLS certificate. The
 * algorithm is kept lower case and the hex upper case so two spellings of one fingerprint compare equal.
 */
public record Fingerprint(String algorithm, String value) {

    public static Fingerprint of(String algorithm, byte[] digest) {
        return new Fingerprint(algorithm.toLowerCase(Locale.ROOT), HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(digest));
    }

    public static Fingerprint parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 2, false, "a=fingerprint");
        String hex = f.get(1);
        // RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX); lower case is tolerated, as browsers compare case-blind.
        if (hex.length() % 3 != 2) {
            throw SdpParseException.badValue("fingerprint is not colon-separated hex pairs");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0 && c < 0x80;
            if (!ok) {
                throw SdpParseException.badValue("fingerprint is not colon-separated hex pairs");
            }
        }
        return new Fingerprint(Fields.token(f.get(0), "hash function").toLowerCase(Locale.ROOT),
                hex.toUpperCase(Locale.ROOT));
    }

    public byte[] digest() {
        return HexFormat.ofDelimiter(":").parseHex(value);
    }

    public String encode() {
        return algorithm + " " + value;
    }
}
