package dev.parley.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials in the "TURN REST API" scheme that browsers and coturn use: username
 * {@code <expiry-unix-seconds>:<participant-id>}, password {@code base64(HMAC-SHA1(secret, username))}.
 * The server recomputes the password from the username, so nothing is stored per participant.
 * Stateless; thread-safe.
 *
 * @param username the username to put in the ICE server entry
 * @param password the credential to put in the ICE server entry
 * @param expires  when the server stops accepting them
 */
public record TurnCredentials(String username, String password, Instant expires) {

    public TurnCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * User ids starting with this are probes: credentials handed to a connection that has not joined a room (the
     * connection test page). The server lets each make one allocation.
     */
    public static final String PROBE_PREFIX = "probe-";

    /**
     * The user a REST-API username belongs to: what follows the expiry ({@code <expiry>:<user>}), or the whole
     * username if it has no expiry. Quotas count per user, not per username: every issue of credentials has a new
     * expiry, so counting usernames would make each request a new user.
     */
    public static String userOf(String username) {
        int colon = username.indexOf(':');
        return colon >= 0 && expiryOf(username).isPresent() ? username.substring(colon + 1) : username;
    }

    /** Credentials for {@code participantId}, valid for {@code ttl} from {@code now}. */
    public static TurnCredentials issue(String secret, String participantId, Duration ttl, Instant now) {
        if (participantId.isEmpty() || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("participant id and a positive ttl are required");
        }
        long expiry = now.plus(ttl).getEpochSecond();
        String username = expiry + ":" + participantId;
        return new TurnCredentials(username, password(secret, username), Instant.ofEpochSecond(expiry));
    }

    /** {@code base64(HMAC-SHA1(secret, username))}, the password the server expects for this username. */
    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
        }
    }

    /** The expiry (unix seconds) a REST-API username starts with, or empty if it is not one. */
    public static OptionalLong expiryOf(String username) {
        int colon = username.indexOf(':');
        int end = colon < 0 ? username.length() : colon;
        if (end == 0 || end > 12) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < end; i++) {
            if (username.charAt(i) < '0' || username.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(username, 0, end, 10));
    }

    /** True when the username is a REST-API username that has not expired at {@code now}. */
    public static boolean isCurrent(String username, Instant now) {
        OptionalLong expiry = expiryOf(username);
        return expiry.isPresent() && expiry.getAsLong() >= now.getEpochSecond();
    }
}
