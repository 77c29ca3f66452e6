package dev.parley.rtp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding for RTCP text (RFC 3550 §6.5: SDES items and BYE reasons are UTF-8). */
public final class Utf8 {

    private Utf8() {}

    /** Decodes {@code b[off, off + len)}, or returns null if it is not well-formed UTF-8. */
    public static String decodeOrNull(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
