package dev.parley.ice;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A host candidate of the server's transport, written as an SDP {@code a=candidate} line
 * (RFC 8839 §5.1). An ICE-lite agent offers only host candidates (RFC 8445 §2.5); with rtcp-mux
 * there is one component. Immutable; thread-safe.
 *
 * @param address the address and port the server listens on (or its public address, when the
 *        server is behind a static 1:1 NAT and told so)
 * @param transport UDP, or TCP in the passive role (RFC 6544)
 * @param localPreference 0..65535, higher is preferred among this server's own candidates
 */
public record HostCandidate(InetSocketAddress address, Transport transport, int localPreference) {

    /** RFC 8445 §5.1.2.2: the recommended type preference of host candidates. */
    public static final int HOST_TYPE_PREFERENCE = 126;
    /** RTP and RTCP share one component under rtcp-mux (RFC 8843 / RFC 5761). */
    public static final int COMPONENT = 1;

    public enum Transport {
        UDP("udp", ""),
        /** RFC 6544 §4.5: {@code tcptype passive}, the server accepts connections. */
        TCP_PASSIVE("tcp", " tcptype passive");

        private final String sdpName;
        private final String suffix;

        Transport(String sdpName, String suffix) {
            this.sdpName = sdpName;
            this.suffix = suffix;
        }
    }

    public HostCandidate {
        if (localPreference < 0 || localPreference > 0xFFFF) {
            throw new IllegalArgumentException("local preference out of range: " + localPreference);
        }
        if (address.isUnresolved() || address.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("a candidate needs a concrete address: " + address);
        }
    }

    /**
     * Candidates for the given addresses on one port, in order of preference: the first gets local
     * preference 65535, the next 65534, and so on (RFC 8445 §5.1.2.1: a distinct local preference
     * per address of a multihomed host).
     */
    public static List<HostCandidate> forAddresses(List<InetAddress> addresses, int port, Transport transport) {
        if (addresses.size() > 0xFFFF) {
            throw new IllegalArgumentException("too many addresses: " + addresses.size());
        }
        List<HostCandidate> candidates = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            candidates.add(new HostCandidate(new InetSocketAddress(addresses.get(i), port), transport, 0xFFFF - i));
        }
        return candidates;
    }

    /**
     * RFC 8445 §5.1.2.1: priority = 2^24 × type preference + 2^8 × local preference + (256 − component).
     * For TCP, RFC 6544 §4.2 splits the local preference into 2^13 × direction preference + other
     * preference, with direction preference 4 for passive host candidates (6 active, 2 simultaneous-open),
     * so only the low 13 bits of {@link #localPreference} are used.
     */
    public long priority() {
        int local = transport == Transport.UDP ? localPreference
                : (4 << 13) | (localPreference & 0x1FFF);
        return ((long) HOST_TYPE_PREFERENCE << 24) + ((long) local << 8) + (256 - COMPONENT);
    }

    /**
     * RFC 8445 §5.1.1.3: candidates of the same type, base address and transport share a foundation.
     * The CRC-32 of those three, in decimal (digits are ice-chars; at most 10 of the allowed 32).
     */
    public String foundation() {
        CRC32 crc = new CRC32();
        crc.update(("host/" + transport.sdpName + "/" + hostString()).getBytes(StandardCharsets.US_ASCII));
        return Long.toString(crc.getValue());
    }

    /** The attribute value: {@code candidate:<foundation> 1 udp <priority> <address> <port> typ host}. */
    public String attributeValue() {
        return "candidate:" + foundation() + " " + COMPONENT + " " + transport.sdpName + " " + priority() + " "
                + hostString() + " " + address.getPort() + " typ host" + transport.suffix;
    }

    /** The whole SDP line without its CRLF: {@code a=candidate:...}. */
    public String sdpLine() {
        return "a=" + attributeValue();
    }

    private String hostString() {
        String host = address.getAddress().getHostAddress();
        int scope = host.indexOf('%');
        if (address.getAddress() instanceof Inet6Address && scope >= 0) {
            return host.substring(0, scope);
        }
        return host;
    }
}
