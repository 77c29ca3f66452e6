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
 * @param preferredVideoCodec "VP8", "VP9" or "H264": used in a room when every connection in it can receive it,
 *        else VP8 (which every browser has)
 */
public record SfuSettings(InetAddress bindAddress, int port, List<InetAddress> advertised, int maxParticipantsPerRoom,
        long consentTimeoutMillis, String preferredVideoCodec) {

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
        if (!VIDEO_CODECS.contains(preferredVideoCodec)) {
            throw new IllegalArgumentException("video codec must be one of " + VIDEO_CODECS + ": " + preferredVideoCodec);
        }
    }

    /** The video codecs the SFU offers; VP8 is the fallback every browser has (RFC 7742 §5). */
    public static final List<String> VIDEO_CODECS = List.of("VP8", "VP9", "H264");

    /** VP8 for video. */
    public SfuSettings(InetAddress bindAddress, int port, List<InetAddress> advertised, int maxParticipantsPerRoom,
            long consentTimeoutMillis) {
        this(bindAddress, port, advertised, maxParticipantsPerRoom, consentTimeoutMillis, "VP8");
    }
}
