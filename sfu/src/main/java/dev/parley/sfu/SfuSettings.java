package dev.parley.sfu;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * How the SFU runs.
 *
 * @param bindAddress         the address the media socket binds (the wildcard for all interfaces)
 * @param port                the one UDP port for every participant (0: any free port, for tests)
 * @param advertised          the addresses written as host candidates (the server's interfaces, or its public IP)
 * @param maxParticipantsPerRoom SFU connections a room may have
 * @param consentTimeoutMillis ICE consent freshness (RFC 7675: 30 s)
 */
public record SfuSettings(InetAddress bindAddress, int port, List<InetAddress> advertised, int maxParticipantsPerRoom,
        long consentTimeoutMillis) {

    public static final int DEFAULT_PORT = 40000;
    public static final int DEFAULT_MAX_PARTICIPANTS = 50;

    public SfuSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        advertised = List.copyOf(advertised);
        if (advertised.isEmpty()) {
            throw new IllegalArgumentException("the SFU needs at least one address to advertise");
        }
        if (port < 0 || port > 65535 || maxParticipantsPerRoom < 1 || consentTimeoutMillis < 1) {
            throw new IllegalArgumentException("invalid SFU settings");
        }
    }
}
