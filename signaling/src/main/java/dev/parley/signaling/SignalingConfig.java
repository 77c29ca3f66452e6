package dev.parley.signaling;

import java.time.Duration;

/**
 * Immutable per-session rules.
 *
 * @param rateLimit          sustained client messages per second
 * @param rateBurst          messages a client may send at once
 * @param rateLimitCloseAfter dropped messages, while over the limit, after which the socket is closed (1008)
 * @param livenessTimeout    silence after which the socket is closed (4000)
 * @param joinTimeout        a socket that has not joined (or resumed) this long after it opened is closed (4003)
 * @param admission          limits per client address and in all
 */
public record SignalingConfig(double rateLimit, int rateBurst, int rateLimitCloseAfter, Duration livenessTimeout,
        Duration joinTimeout, Admission.Limits admission) {

    /**
     * A join timeout of 10 s: the web client opens its socket when the person clicks "Join" and joins at once, and
     * the connection test asks for ICE servers and closes; a socket idle longer only holds a slot.
     */
    public static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    public static final SignalingConfig DEFAULTS = new SignalingConfig(50, 100, 100, Duration.ofSeconds(15));

    /** The default join timeout and admission limits. */
    public SignalingConfig(double rateLimit, int rateBurst, int rateLimitCloseAfter, Duration livenessTimeout) {
        this(rateLimit, rateBurst, rateLimitCloseAfter, livenessTimeout, JOIN_TIMEOUT, Admission.Limits.DEFAULTS);
    }

    public SignalingConfig withAdmission(Admission.Limits limits) {
        return new SignalingConfig(rateLimit, rateBurst, rateLimitCloseAfter, livenessTimeout, joinTimeout, limits);
    }
}
