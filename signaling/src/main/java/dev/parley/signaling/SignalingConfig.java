package dev.parley.signaling;

import java.time.Duration;

/**
 * Immutable per-session rules.
 *
 * @param rateLimit          sustained client messages per second
 * @param rateBurst          messages a client may send at once
 * @param rateLimitCloseAfter dropped messages, while over the limit, after which the socket is closed (1008)
 * @param livenessTimeout    silence after which the socket is closed (4000)
 */
public record SignalingConfig(double rateLimit, int rateBurst, int rateLimitCloseAfter, Duration livenessTimeout) {

    public static final SignalingConfig DEFAULTS = new SignalingConfig(50, 100, 100, Duration.ofSeconds(15));
}
