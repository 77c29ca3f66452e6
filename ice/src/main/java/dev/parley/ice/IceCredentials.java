package dev.parley.ice;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * An ICE username fragment and password ({@code a=ice-ufrag}, {@code a=ice-pwd}). Immutable;
 * thread-safe.
 *
 * <p>RFC 8445 §5.3: the ufrag carries at least 24 bits of randomness and the password at least
 * 128; RFC 8839 §5.4: both are made of ice-chars (ALPHA / DIGIT / "+" / "/"), the ufrag 4 to 256
 * characters, the password 22 to 256.
 */
public record IceCredentials(String ufrag, String password) {

    /** RFC 8839 §5.4 ice-char: 64 characters, so each one carries exactly 6 random bits. */
    static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** 8 characters, 48 bits: twice RFC 8445's 24-bit minimum, still short in the SDP and USERNAME. */
    public static final int GENERATED_UFRAG_LENGTH = 8;
    /** 24 characters, 144 bits: above RFC 8445's 128-bit minimum (22 characters give 132). */
    public static final int GENERATED_PASSWORD_LENGTH = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        check(ufrag, 4, "ufrag");
        check(password, 22, "password");
    }

    /** Fresh random local credentials. */
    public static IceCredentials generate() {
        return generate(RANDOM);
    }

    /** Fresh local credentials drawn from {@code random} (a {@link SecureRandom} outside tests). */
    public static IceCredentials generate(RandomGenerator random) {
        return new IceCredentials(random(random, GENERATED_UFRAG_LENGTH), random(random, GENERATED_PASSWORD_LENGTH));
    }

    private static String random(RandomGenerator random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    private static void check(String value, int minLength, String what) {
        if (value == null || value.length() < minLength || value.length() > 256) {
            throw new IllegalArgumentException("ICE " + what + " must be " + minLength + " to 256 ice-chars");
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException("ICE " + what + " has a character outside ice-char: " + value.charAt(i));
            }
        }
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=(hidden)]";
    }
}
