package dev.parley.server;

import dev.parley.server.http.MetricsAccess;
import dev.parley.rooms.RoomsConfig;
import dev.parley.server.sfu.SfuOptions;
import dev.parley.server.turn.TurnSettings;
import dev.parley.signaling.SignalingConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole server configuration, immutable, built once from the command line and config files
 * ({@link ParleyCommand}) and passed to constructors.
 *
 * @param httpPort       plain HTTP port (0: any free port)
 * @param httpsPort      HTTPS port (0: any free port)
 * @param bind           listen address, or null for all interfaces
 * @param dataDir        state directory
 * @param tlsCert        PEM certificate chain, or null for a self-signed certificate
 * @param tlsKey         PEM private key, or null
 * @param publicHost     host name people use, or null to detect
 * @param allowedOrigins extra origins allowed to open the WebSocket
 * @param iceServerUrls  static ICE server URLs handed to clients
 * @param turn           the embedded STUN/TURN server and external TURN options
 * @param sfu            the SFU (rooms switch to it past {@link RoomsConfig#p2pMax()})
 */
public record ServerConfig(int httpPort, int httpsPort, String bind, Path dataDir, Path tlsCert, Path tlsKey,
                           String publicHost, List<String> allowedOrigins, List<String> iceServerUrls,
                           RoomsConfig rooms, SignalingConfig signaling, TurnSettings turn, SfuOptions sfu,
                           MetricsAccess metrics) {

    public ServerConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        iceServerUrls = List.copyOf(iceServerUrls);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
    }

    /**
     * A configuration for tests: free ports on loopback, the SFU on (any free port) but rooms that stay peer to peer
     * unless a test sets {@link #withP2pMax}, no TURN unless {@link #withTurn}, defaults otherwise.
     */
    public static ServerConfig forTests(Path dataDir) {
        return new ServerConfig(0, 0, "127.0.0.1", dataDir, null, null, null, List.of(), List.of(),
                RoomsConfig.DEFAULTS, SignalingConfig.DEFAULTS, TurnSettings.disabled(), SfuOptions.forTests(),
                MetricsAccess.OPEN);
    }

    /** Rooms switch to the SFU when they grow past {@code max} participants. */
    public ServerConfig withP2pMax(int max) {
        return withRooms(rooms.withP2pMax(max));
    }

    public ServerConfig withSfu(SfuOptions sfu) {
        return new ServerConfig(httpPort, httpsPort, bind, dataDir, tlsCert, tlsKey, publicHost, allowedOrigins,
                iceServerUrls, rooms, signaling, turn, sfu, metrics);
    }

    public ServerConfig withRooms(RoomsConfig rooms) {
        return new ServerConfig(httpPort, httpsPort, bind, dataDir, tlsCert, tlsKey, publicHost, allowedOrigins,
                iceServerUrls, rooms, signaling, turn, sfu, metrics);
    }

    public ServerConfig withSignaling(SignalingConfig signaling) {
        return new ServerConfig(httpPort, httpsPort, bind, dataDir, tlsCert, tlsKey, publicHost, allowedOrigins,
                iceServerUrls, rooms, signaling, turn, sfu, metrics);
    }

    /** Listens on {@code bind} (null: every interface, and the SFU advertises every LAN address). */
    public ServerConfig withBind(String bind) {
        return new ServerConfig(httpPort, httpsPort, bind, dataDir, tlsCert, tlsKey, publicHost, allowedOrigins,
                iceServerUrls, rooms, signaling, turn, sfu, metrics);
    }

    public ServerConfig withMetrics(MetricsAccess metrics) {
        return new ServerConfig(httpPort, httpsPort, bind, dataDir, tlsCert, tlsKey, publicHost, allowedOrigins,
                iceServerUrls, rooms, signaling, turn, sfu, metrics);
    }

    public ServerConfig withTurn(TurnSettings turn) {
        return new ServerConfig(httpPort, httpsPort, bind, dataDir, tlsCert, tlsKey, publicHost, allowedOrigins,
                iceServerUrls, rooms, signaling, turn, sfu, metrics);
    }
}
