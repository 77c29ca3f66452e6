package dev.parley.stun.internal;

import dev.parley.stun.StunParseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 text attributes with a byte limit (USERNAME, REALM, NONCE, SOFTWARE, ERROR-CODE reason). */
public final class TextCodec {

    private TextCodec() {
    }

    public static String decode(byte[] value, int maxBytes, String name) throws StunParseException {
        if (value.length > maxBytes) {
            throw new StunParseException(name + " longer than " + maxBytes + " bytes: " + value.length);
        }
        return decode(value, 0, value.length, name);
    }

    public static String decode(byte[] value, int off, int len, String name) throws StunParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StunParseException(name + " is not UTF-8");
        }
    }

    public static byte[] encode(String text, int maxBytes, String name) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(name + " longer than " + maxBytes + " bytes");
        }
        return bytes;
    }
}
