package dev.parley.server.turn;

import dev.parley.server.NetworkAddresses;
import dev.parley.signaling.IceServer;
import dev.parley.signaling.IceServerProvider;
import dev.parley.turn.TurnCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE servers a participant receives in {@code joined}: the embedded STUN/TURN server (UDP, TCP and, when
 * configured, TLS) under the host name the browser used to reach us, with short-lived REST-API credentials issued
 * for that participant; an external TURN server with its own shared secret; and static URLs. Immutable; thread-safe.
 */
public final class IceServers {

    private final TurnSettings settings;
    private final String embeddedSecret;
    private final int turnPort;
    private final int tlsPort;
    private final String publicHost;
    private final List<String> staticUrls;
    private final Clock clock;

    /**
     * @param turnPort   the embedded server's actual port, or -1 when it is off
     * @param tlsPort    its TLS port, or -1
     * @param publicHost the configured public host, or null to use the host each browser used
     */
    public IceServers(TurnSettings settings, String embeddedSecret, int turnPort, int tlsPort, String publicHost,
                      List<String> staticUrls, Clock clock) {
        this.settings = settings;
        this.embeddedSecret = embeddedSecret;
        this.turnPort = turnPort;
        this.tlsPort = tlsPort;
        this.publicHost = publicHost;
        this.staticUrls = List.copyOf(staticUrls);
        this.clock = clock;
    }

    /** The provider for one signaling connection, whose page was loaded from {@code requestHost}. */
    public IceServerProvider forConnection(String requestHost) {
        String host = NetworkAddresses.urlHost(publicHost != null ? publicHost
                : requestHost == null || requestHost.isBlank() ? "localhost" : requestHost);
        return new IceServerProvider() {
            @Override
            public List<IceServer> forParticipant(String participantId) {
                return list(host, participantId, settings.credentialTtl());
            }

            @Override
            public List<IceServer> forProbe(String probeId) {
                if (!probeId.startsWith(TurnCredentials.PROBE_PREFIX)) {
                    throw new IllegalArgumentException("a probe id starts with " + TurnCredentials.PROBE_PREFIX);
                }
                return list(host, probeId, PROBE_TTL);
            }
        };
    }

    /**
     * How long credentials handed to a connection that has not joined stay valid: the connection test allocates at
     * once, and a minute of one allocation is all anyone can take without joining a room.
     */
    public static final Duration PROBE_TTL = Duration.ofSeconds(60);

    List<IceServer> list(String host, String participantId, Duration ttl) {
        List<IceServer> servers = new ArrayList<>();
        if (turnPort >= 0) {
            TurnCredentials credentials = TurnCredentials.issue(embeddedSecret, participantId, ttl, clock.instant());
            List<String> urls = new ArrayList<>(List.of(
                    "stun:" + host + ":" + turnPort,
                    "turn:" + host + ":" + turnPort + "?transport=udp",
                    "turn:" + host + ":" + turnPort + "?transport=tcp"));
            if (tlsPort >= 0) {
                urls.add("turns:" + host + ":" + tlsPort + "?transport=tcp");
            }
            servers.add(new IceServer(urls, credentials.username(), credentials.password()));
        }
        if (!settings.externalUrls().isEmpty()) {
            TurnCredentials credentials = TurnCredentials.issue(settings.externalSecret(), participantId, ttl,
                    clock.instant());
            servers.add(new IceServer(settings.externalUrls(), credentials.username(), credentials.password()));
        }
        if (!staticUrls.isEmpty()) {
            servers.add(new IceServer(staticUrls, null, null));
        }
        return servers;
    }

    /** Strips the port from a Host header ({@code host:port}, {@code [v6]:port}). */
    public static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end > 0 ? hostHeader.substring(1, end) : hostHeader;
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon > 0 && hostHeader.indexOf(':') == colon ? hostHeader.substring(0, colon) : hostHeader;
    }
}
