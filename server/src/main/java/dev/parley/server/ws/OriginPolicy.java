package dev.parley.server.ws;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which pages may open the signaling WebSocket: the page's own origin (same scheme, host and port as the request),
 * plus configured extra origins. Requests without an {@code Origin} header come from non-browser clients, which
 * cross-site WebSocket hijacking does not concern, and are allowed. Thread-safe and immutable.
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).filter(o -> o != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the request's Origin header, or null
     * @param secure whether the request came over TLS
     * @param host   the request's Host header ({@code host[:port]})
     */
    public boolean allows(String origin, boolean secure, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        if (normalized == null) {
            return false;
        }
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && normalized.equals(normalize((secure ? "https://" : "http://") + host));
    }

    /** {@code scheme://host:port} in lower case with an explicit port, or null if it is not an http(s) origin. */
    static String normalize(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
