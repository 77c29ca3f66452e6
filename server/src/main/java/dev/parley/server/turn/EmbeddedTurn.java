package dev.parley.server.turn;

import dev.parley.server.NetworkAddresses;
import dev.parley.server.ParleyMetrics;
import dev.parley.server.ServerConfig;
import dev.parley.server.tls.TlsCredentials;
import dev.parley.turn.DropReason;
import dev.parley.turn.TurnConfig;
import dev.parley.turn.TurnService;
import dev.parley.turn.TurnStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds, starts and measures the embedded STUN/TURN server from the server's configuration. */
public final class EmbeddedTurn {

    private EmbeddedTurn() {
    }

    /** Starts the TURN service; the caller stops it. {@code sfuPort} is the SFU's media port, or -1 without one. */
    public static TurnService start(ServerConfig config, String secret, TlsCredentials tls, ParleyMetrics metrics,
            int sfuPort) throws IOException {
        TurnSettings settings = config.turn();
        InetAddress listen = config.bind() == null ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(config.bind());
        TurnConfig.Builder builder = TurnConfig.builder(settings.realm(), secret)
                .listenAddress(listen)
                .port(settings.port())
                .relayAddress(listen)
                .advertisedAddress(advertised(config, listen))
                .relayPorts(settings.relayPortMin(), settings.relayPortMax())
                .maxAllocations(settings.maxAllocations())
                .maxAllocationsPerUser(settings.maxAllocationsPerUser())
                .maxAllocationsPerIp(settings.maxAllocationsPerIp())
                .bandwidthBytesPerSecond(settings.bandwidthBytesPerSecond())
                .allowPrivatePeers(settings.allowPrivatePeers())
                .legacyChannelNumbers(settings.legacyChannelNumbers())
                .ownServicePorts(sfuPort > 0 ? java.util.Set.of(sfuPort) : java.util.Set.of());
        if (settings.tlsPort() >= 0) {
            builder.tls(settings.tlsPort(), sslContext(tls));
        } else {
            builder.tls(0, null);
        }
        TurnService service = new TurnService(builder.build());
        service.start();
        bind(service.stats(), metrics);
        return service;
    }

    /** The address put in XOR-RELAYED-ADDRESS: --public-ip, else the listen address, else the first LAN address. */
    static InetAddress advertised(ServerConfig config, InetAddress listen) throws IOException {
        if (config.turn().publicIp() != null) {
            return InetAddress.getByName(config.turn().publicIp());
        }
        if (!listen.isAnyLocalAddress()) {
            return listen;
        }
        List<InetAddress> lan = NetworkAddresses.lanAddresses();
        return lan.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(NetworkAddresses.literal(lan.get(0)));
    }

    private static SSLContext sslContext(TlsCredentials tls) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(tls.keyStore(), tls.password());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TURN over TLS: " + e.getMessage(), e);
        }
    }

    private static void bind(TurnStats stats, ParleyMetrics metrics) {
        metrics.gauge("parley.turn.allocations", "Active TURN allocations", stats::allocations);
        metrics.gauge("parley.turn.permissions", "Active TURN permissions", stats::permissions);
        metrics.gauge("parley.turn.channels", "Active TURN channel bindings", stats::channels);
        metrics.counter("parley.turn.allocations.made", "TURN allocations made", stats::allocationsCreated);
        metrics.counter("parley.turn.relayed.packets.to.peer", "Packets relayed from clients to peers", stats::packetsToPeer);
        metrics.counter("parley.turn.relayed.bytes.to.peer", "Bytes relayed from clients to peers", stats::bytesToPeer);
        metrics.counter("parley.turn.relayed.packets.to.client", "Packets relayed from peers to clients", stats::packetsToClient);
        metrics.counter("parley.turn.relayed.bytes.to.client", "Bytes relayed from peers to clients", stats::bytesToClient);
        metrics.counter("parley.turn.auth.failures", "TURN requests refused for credentials", stats::authFailures);
        metrics.counter("parley.stun.binding.requests", "STUN Binding requests answered", stats::bindingRequests);
        for (DropReason reason : DropReason.values()) {
            metrics.counter("parley.turn.drops", "TURN packets dropped, by reason", () -> stats.drops(reason),
                    "reason", reason.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The actual UDP port of a started service, or -1. */
    public static int port(TurnService service) {
        return service.udpAddress().or(service::tcpAddress).map(InetSocketAddress::getPort).orElse(-1);
    }

    public static int tlsPort(TurnService service) {
        return service.tlsAddress().map(InetSocketAddress::getPort).orElse(-1);
    }
}
