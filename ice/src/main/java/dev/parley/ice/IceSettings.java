package dev.parley.ice;

/**
 * Limits of one {@link IceLiteAgent}.
 *
 * @param consentTimeoutMillis how long without a valid check before the transport is closed
 * @param maxRemoteAddresses validated remote addresses kept; the one heard from least recently is
 *        forgotten to make room, so a peer cannot grow the table without bound
 */
public record IceSettings(long consentTimeoutMillis, int maxRemoteAddresses) {

    /**
     * RFC 7675 §5.1: consent expires 30 s after the last successful check. A browser checks every
     * few seconds (Chrome: ~1.1 s, 2.2 s, then every ~2.65 s), so 30 s is about ten missed checks.
     * 16 addresses: a browser's pairs toward one host candidate are one per its own candidate (host
     * IPv4/IPv6, server-reflexive, relayed, over one or two interfaces), well under 16.
     */
    public static final IceSettings DEFAULT = new IceSettings(30_000, 16);

    public IceSettings {
        if (consentTimeoutMillis <= 0) {
            throw new IllegalArgumentException("consent timeout must be positive: " + consentTimeoutMillis);
        }
        if (maxRemoteAddresses < 1) {
            throw new IllegalArgumentException("maxRemoteAddresses must be positive: " + maxRemoteAddresses);
        }
    }
}
