package dev.parley.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics}. Open by default, as every Prometheus exporter is (node_exporter, coturn's and
 * LiveKit's metrics ports): Prometheus scrapes without credentials unless told otherwise, and the figures name no
 * room, participant or address. An operator who exposes Parley on the internet and does not want its load
 * figures public sets a bearer token (Prometheus's {@code authorization: credentials:}) or loopback only (a local
 * agent scrapes).
 *
 * @param token        the bearer token a scrape must present, or null for none
 * @param loopbackOnly only requests from this machine are answered
 */
public record MetricsAccess(String token, boolean loopbackOnly) {

    public static final MetricsAccess OPEN = new MetricsAccess(null, false);

    public MetricsAccess {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("--metrics-token must be at least 16 characters");
        }
    }

    /** Whether an {@code Authorization} header value carries the token; compared in constant time. */
    boolean accepts(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }
}
