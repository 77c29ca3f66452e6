package dev.parley.rooms;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable random identifiers. Thread-safe. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** 128 random bits, base64url: 22 characters. Used for participant ids and resume tokens. */
    public static String random128() {
        return random(16);
    }

    /** 64 random bits, base64url: 11 characters. Used where uniqueness, not secrecy, matters. */
    public static String random64() {
        return random(8);
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return ENCODER.encodeToString(buffer);
    }
}
