package dev.parley.server.turn;

import java.time.Duration;
import java.util.List;

/**
 * TURN/STUN options of the server (docs/configuration.md, "TURN"). Immutable.
 *
 * @param enabled            run the embedded STUN/TURN server
 * @param port               UDP and TCP port (0: any free port)
 * @param tlsPort            TURN over TLS port, or -1 for none
 * @param relayPortMin       first relay port
 * @param relayPortMax       last relay port
 * @param realm              long-term credential realm
 * @param credentialTtl      lifetime of the credentials handed to participants
 * @param maxAllocations     allocations in all
 * @param maxAllocationsPerUser allocations per participant
 * @param maxAllocationsPerIp allocations per client IP address
 * @param bandwidthBytesPerSecond per-allocation cap, 0 for none
 * @param allowPrivatePeers  relay to loopback/private addresses (unsafe on the internet; tests, closed LANs)
 * @param legacyChannelNumbers also accept RFC 5766 channel numbers 0x5000-0x7FFF, as coturn and its client tools do
 * @param publicIp           address advertised for relays behind NAT, or null
 * @param externalUrls       an external TURN server's URLs (instead of, or beside, the embedded one)
 * @param externalSecret     that server's REST-API shared secret
 */
public record TurnSettings(boolean enabled, int port, int tlsPort, int relayPortMin, int relayPortMax, String realm,
                           Duration credentialTtl, int maxAllocations, int maxAllocationsPerUser,
                           int maxAllocationsPerIp, long bandwidthBytesPerSecond, boolean allowPrivatePeers, boolean legacyChannelNumbers,
                           String publicIp, List<String> externalUrls, String externalSecret) {

    public TurnSettings {
        externalUrls = List.copyOf(externalUrls);
        if (!externalUrls.isEmpty() && (externalSecret == null || externalSecret.isBlank())) {
            throw new IllegalArgumentException("--turn-external-urls needs --turn-external-secret");
        }
    }

    /** The embedded server on a free port, relaying to loopback peers: for tests on one machine. */
    public static TurnSettings forTests() {
        return new TurnSettings(true, 0, -1, 49152, 65535, "parley", Duration.ofHours(1), 1000, 10, 64, 0, true, false,
                null, List.of(), null);
    }

    public static TurnSettings disabled() {
        return new TurnSettings(false, 0, -1, 49152, 65535, "parley", Duration.ofHours(1), 1000, 10, 64, 0, false, false,
                null, List.of(), null);
    }
}
