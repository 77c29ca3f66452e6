package dev.parley.turn;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything the TURN server needs, immutable. Build with {@link #builder(String, String)}; every
 * default is the one documented in {@code docs/turn.md}.
 *
 * @param listenAddress          address the UDP/TCP/TLS listeners bind (default 0.0.0.0)
 * @param port                   UDP and TCP port (default 3478; 0 picks a free one, for tests)
 * @param udp                    listen on UDP
 * @param tcp                    listen on TCP (RFC 8656 §4 framing)
 * @param tlsPort                TLS port ({@code turns:}); used only when {@code sslContext} is set
 *                               (default 5349; 0 picks a free one)
 * @param sslContext             the server's certificate for TLS, or null for no TLS listener
 * @param relayAddress           address relay sockets bind (default 0.0.0.0)
 * @param advertisedAddress      address put in XOR-RELAYED-ADDRESS (the public IP behind NAT); null
 *                               means {@code relayAddress}, or the listener's address if that is wildcard
 * @param relayPortMin           first relay port (default 49152)
 * @param relayPortMax           last relay port (default 65535)
 * @param realm                  REALM of the long-term credentials
 * @param secret                 shared secret of the REST-API credentials
 * @param defaultLifetime        allocation lifetime when none or less is asked (RFC 8656 §7.2: 10 min)
 * @param maxLifetime            upper bound of allocation lifetimes (RFC 8656 §7.2 recommends 1 h)
 * @param nonceLifetime          how long a NONCE is accepted before 438
 * @param maxAllocations         total allocations (beyond: 508)
 * @param maxAllocationsPerUser  allocations of one user, the part of the username after its expiry (beyond: 486);
 *                               a probe user ({@link TurnCredentials#PROBE_PREFIX}) has one
 * @param maxAllocationsPerIp    allocations from one client IP address, whatever the user (beyond: 486)
 * @param maxPermissionsPerAllocation permissions of one allocation (beyond: 508)
 * @param maxConnections         concurrent TCP/TLS connections
 * @param bandwidthBytesPerSecond per-allocation, per-direction cap; 0 is unlimited
 * @param allowPrivatePeers      UNSAFE on the internet: allow loopback/private/link-local peers (tests)
 * @param software               SOFTWARE attribute of responses, or empty for none
 * @param ownServicePorts        ports of the server's own addresses that peers may be, besides the relay ports
 *                               (the SFU's media port); any other port there is refused
 * @param streamAllocateDeadline a TCP/TLS connection without an allocation this long after it opened (or at any
 *                               check every such period later) is closed, however it trickles bytes
 * @param legacyChannelNumbers   also accept channels 0x5000-0x7FFF (RFC 5766) as coturn and its client
 *                               tools do; off by default (RFC 8656 §12 allows only 0x4000-0x4FFF)
 */
public record TurnConfig(
        InetAddress listenAddress,
        int port,
        boolean udp,
        boolean tcp,
        int tlsPort,
        SSLContext sslContext,
        InetAddress relayAddress,
        InetAddress advertisedAddress,
        int relayPortMin,
        int relayPortMax,
        String realm,
        String secret,
        Duration defaultLifetime,
        Duration maxLifetime,
        Duration nonceLifetime,
        int maxAllocations,
        int maxAllocationsPerUser,
        int maxAllocationsPerIp,
        int maxPermissionsPerAllocation,
        int maxConnections,
        long bandwidthBytesPerSecond,
        boolean allowPrivatePeers,
        String software,
        boolean legacyChannelNumbers,
        java.util.Set<Integer> ownServicePorts,
        Duration streamAllocateDeadline) {

    public TurnConfig {
        ownServicePorts = java.util.Set.copyOf(ownServicePorts);
        if (streamAllocateDeadline.isNegative() || streamAllocateDeadline.isZero()) {
            throw new IllegalArgumentException("streamAllocateDeadline must be positive");
        }
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(relayAddress, "relayAddress");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(software, "software");
        if (realm.isEmpty() || secret.isEmpty()) {
            throw new IllegalArgumentException("realm and secret must not be empty");
        }
        if (port < 0 || port > 65535 || tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        if (relayPortMin < 1 || relayPortMax > 65535 || relayPortMin > relayPortMax) {
            throw new IllegalArgumentException("bad relay port range " + relayPortMin + "-" + relayPortMax);
        }
        if (defaultLifetime.isNegative() || maxLifetime.compareTo(defaultLifetime) < 0 || nonceLifetime.isNegative()) {
            throw new IllegalArgumentException("lifetimes must satisfy 0 <= default <= max");
        }
        if (maxAllocations < 1 || maxAllocationsPerUser < 1 || maxAllocationsPerIp < 1 || maxPermissionsPerAllocation < 1 || maxConnections < 1
                || bandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** TLS is on when the caller gave a certificate. */
    public boolean tls() {
        return sslContext != null;
    }

    public static Builder builder(String realm, String secret) {
        return new Builder(realm, secret);
    }

    /** A builder with the documented defaults. Not thread-safe. */
    public static final class Builder {
        private InetAddress listenAddress = anyLocal();
        private int port = 3478;
        private boolean udp = true;
        private boolean tcp = true;
        private int tlsPort = 5349;
        private SSLContext sslContext;
        private InetAddress relayAddress = anyLocal();
        private InetAddress advertisedAddress;
        private int relayPortMin = 49152;
        private int relayPortMax = 65535;
        private final String realm;
        private final String secret;
        private Duration defaultLifetime = Duration.ofMinutes(10);
        private Duration maxLifetime = Duration.ofHours(1);
        private Duration nonceLifetime = Duration.ofMinutes(10);
        private int maxAllocations = 1000;
        private int maxAllocationsPerUser = 10;
        private int maxAllocationsPerIp = 64;
        private int maxPermissionsPerAllocation = 64;
        private int maxConnections = 2000;
        private long bandwidthBytesPerSecond;
        private boolean allowPrivatePeers;
        private String software = "Parley";
        private boolean legacyChannelNumbers;
        private java.util.Set<Integer> ownServicePorts = java.util.Set.of();
        /** 10 s: a browser allocates within one round trip of connecting (two with the 401 challenge). */
        private Duration streamAllocateDeadline = Duration.ofSeconds(10);

        private Builder(String realm, String secret) {
            this.realm = realm;
            this.secret = secret;
        }

        private static InetAddress anyLocal() {
            return new java.net.InetSocketAddress(0).getAddress();
        }

        public Builder listenAddress(InetAddress v) { listenAddress = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder udp(boolean v) { udp = v; return this; }
        public Builder tcp(boolean v) { tcp = v; return this; }
        public Builder tls(int tlsPort, SSLContext context) { this.tlsPort = tlsPort; sslContext = context; return this; }
        public Builder relayAddress(InetAddress v) { relayAddress = v; return this; }
        public Builder advertisedAddress(InetAddress v) { advertisedAddress = v; return this; }
        public Builder relayPorts(int min, int max) { relayPortMin = min; relayPortMax = max; return this; }
        public Builder defaultLifetime(Duration v) { defaultLifetime = v; return this; }
        public Builder maxLifetime(Duration v) { maxLifetime = v; return this; }
        public Builder nonceLifetime(Duration v) { nonceLifetime = v; return this; }
        public Builder maxAllocations(int v) { maxAllocations = v; return this; }
        public Builder maxAllocationsPerUser(int v) { maxAllocationsPerUser = v; return this; }
        public Builder maxAllocationsPerIp(int v) { maxAllocationsPerIp = v; return this; }
        public Builder maxPermissionsPerAllocation(int v) { maxPermissionsPerAllocation = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder bandwidthBytesPerSecond(long v) { bandwidthBytesPerSecond = v; return this; }
        /** UNSAFE on the internet: lets clients relay to loopback, private and link-local addresses. */
        public Builder allowPrivatePeers(boolean v) { allowPrivatePeers = v; return this; }
        public Builder software(String v) { software = v; return this; }
        /** Accept RFC 5766 channel numbers 0x5000-0x7FFF too (coturn's tools pick them). */
        public Builder legacyChannelNumbers(boolean v) { legacyChannelNumbers = v; return this; }

        /** Ports of the server's own addresses a peer may be besides relay ports (the SFU's media port). */
        public Builder ownServicePorts(java.util.Set<Integer> v) { ownServicePorts = v; return this; }

        public Builder streamAllocateDeadline(Duration v) { streamAllocateDeadline = v; return this; }

        public TurnConfig build() {
            return new TurnConfig(listenAddress, port, udp, tcp, tlsPort, sslContext, relayAddress, advertisedAddress,
                    relayPortMin, relayPortMax, realm, secret, defaultLifetime, maxLifetime, nonceLifetime,
                    maxAllocations, maxAllocationsPerUser, maxAllocationsPerIp, maxPermissionsPerAllocation, maxConnections,
                    bandwidthBytesPerSecond, allowPrivatePeers, software, legacyChannelNumbers, ownServicePorts,
                    streamAllocateDeadline);
        }
    }
}
