package dev.parley.turn.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Which peers a client may relay to. By default refused (403 on CreatePermission/ChannelBind, a drop on data), as
 * coturn's recommended {@code denied-peer-ip} list does:
 * <ul>
 *   <li>IPv4: 0/8, loopback 127/8, RFC 1918 private, CGNAT 100.64/10, link-local 169.254/16, IETF protocol
 *       assignments 192.0.0/24, the TEST-NETs 192.0.2/24, 198.51.100/24 and 203.0.113/24, benchmarking
 *       198.18/15, multicast 224/4, reserved 240/4 and broadcast;</li>
 *   <li>IPv6: unspecified, loopback, link-local, unique-local fc00::/7, multicast, documentation 2001:db8::/32,
 *       6to4 2002::/16, NAT64 64:ff9b::/96, IPv4-compatible ::/96, and IPv4-mapped forms of every IPv4 range
 *       above (so no range can be reached by spelling it in IPv6).</li>
 * </ul>
 * With {@code allowPrivatePeers} these ranges are allowed (loopback tests). The server's own addresses are special:
 * two clients that both relay through this server meet at its relay addresses (relay to relay), and a browser may
 * relay to the SFU of the same server, so on its own addresses only the relay ports and the named service ports
 * (the SFU's media port) are reachable; any other port there (another service of the machine) is refused unless
 * private peers are allowed. The server's own STUN/TURN listener ports on its own, loopback or wildcard addresses
 * are always refused, so a client cannot make the server talk to its own listeners. Immutable; thread-safe.
 */
public final class PeerFilter {

    private final boolean allowPrivate;
    private final Set<InetAddress> ownAddresses;
    private final Set<Integer> listenerPorts;
    private final int relayPortMin;
    private final int relayPortMax;
    private final Set<Integer> servicePorts;

    /**
     * @param listenerPorts the STUN/TURN listener ports, never reachable
     * @param servicePorts ports of the server's own addresses reachable besides the relay ports (the SFU's)
     */
    public PeerFilter(boolean allowPrivate, Set<InetAddress> ownAddresses, Set<Integer> listenerPorts,
            int relayPortMin, int relayPortMax, Set<Integer> servicePorts) {
        this.allowPrivate = allowPrivate;
        this.ownAddresses = Set.copyOf(ownAddresses);
        this.listenerPorts = Set.copyOf(listenerPorts);
        this.relayPortMin = relayPortMin;
        this.relayPortMax = relayPortMax;
        this.servicePorts = Set.copyOf(servicePorts);
    }

    /** True when a permission for this peer IP may be installed. */
    public boolean allowsAddress(InetAddress address) {
        return allowPrivate || isOwn(address) || !isRestricted(address);
    }

    /** True when a datagram may go to this peer transport address (address rule plus port rules). */
    public boolean allows(InetSocketAddress peer) {
        InetAddress a = peer.getAddress();
        return a != null && allowsAddress(a) && allowsPort(peer);
    }

    /** The port rules alone, for data on an existing permission. */
    public boolean allowsPort(InetSocketAddress peer) {
        if (isOwnPort(peer)) {
            return false;
        }
        if (allowPrivate || !isOwn(peer.getAddress())) {
            return true;
        }
        int port = peer.getPort();
        return (port >= relayPortMin && port <= relayPortMax) || servicePorts.contains(port);
    }

    private boolean isOwn(InetAddress a) {
        return !a.isAnyLocalAddress() && ownAddresses.contains(a);
    }

    public boolean isOwnPort(InetSocketAddress peer) {
        InetAddress a = peer.getAddress();
        boolean ownAddress = a.isLoopbackAddress() || a.isAnyLocalAddress() || ownAddresses.contains(a);
        return ownAddress && listenerPorts.contains(peer.getPort());
    }

    /** The ranges refused by default. */
    public static boolean isRestricted(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isRestrictedV4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return isRestrictedV6(b);
        }
        return false;
    }

    private static boolean isRestrictedV6(byte[] b) {
        int first16 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if ((b[0] & 0xfe) == 0xfc // fc00::/7 unique local (RFC 4193)
                || (b[0] & 0xff) == 0xff // ff00::/8 multicast
                || (first16 & 0xffc0) == 0xfe80 // fe80::/10 link-local
                || (first16 & 0xffc0) == 0xfec0 // fec0::/10 deprecated site-local
                || first16 == 0x2002 // 2002::/16 6to4 (RFC 3056): an IPv4 address in disguise
                || (first16 == 0x2001 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)) { // 2001:db8::/32 docs
            return true;
        }
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isRestrictedV4(b, 12) || isPrivateV4(b, 12); // ::ffff:0:0/96 IPv4-mapped
        }
        if (first16 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return true; // 64:ff9b::/96 NAT64 (RFC 6052): would make a NAT64 gateway relay to any IPv4 peer
        }
        return zero(b, 0, 12); // ::/96 IPv4-compatible (RFC 4291 §2.5.5.1, deprecated), :: and ::1 included
    }

    /** Loopback, RFC 1918, link-local and multicast, which {@link InetAddress} only knows for real IPv4 objects. */
    private static boolean isPrivateV4(byte[] b, int o) {
        int first = b[o] & 0xff;
        int second = b[o + 1] & 0xff;
        return first == 127 || first == 10 || (first == 192 && second == 168) || (first == 172 && (second & 0xf0) == 16)
                || (first == 169 && second == 254) || first >= 224;
    }

    private static boolean isRestrictedV4(byte[] b, int o) {
        int first = b[o] & 0xff;
        int second = b[o + 1] & 0xff;
        int third = b[o + 2] & 0xff;
        return first == 0 // 0.0.0.0/8 "this network"
                || (first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10 shared address space (RFC 6598)
                || (first == 192 && second == 0 && (third == 0 || third == 2)) // 192.0.0/24 (RFC 6890), TEST-NET-1
                || (first == 198 && (second & 0xfe) == 18) // 198.18.0.0/15 benchmarking (RFC 2544)
                || (first == 198 && second == 51 && third == 100) // TEST-NET-2 (RFC 5737)
                || (first == 203 && second == 0 && third == 113) // TEST-NET-3
                || first >= 240; // 240/4 reserved and 255.255.255.255 broadcast
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
