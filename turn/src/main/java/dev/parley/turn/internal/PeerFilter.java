package dev.parley.turn.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Which peers a client may relay to. By default refused (403 on CreatePermission/ChannelBind, a
 * drop on data): loopback, unspecified, RFC 1918 private, CGNAT 100.64/10, link-local, multicast,
 * broadcast, 0/8, IPv6 unique-local fc00::/7, and IPv4-mapped forms of those; with
 * {@code allowPrivatePeers} these ranges are allowed (loopback tests). The server's own addresses
 * are always allowed, whatever their range: two clients that both relay through this server reach
 * each other at relay addresses of this server (relay to relay), and a browser may relay to the
 * SFU of the same server. Independently of that, datagrams to the server's own STUN/TURN listener
 * ports on its own, loopback or wildcard addresses are always refused, so a client cannot make the
 * server talk to its own listeners. Immutable; thread-safe.
 */
public final class PeerFilter {

    private final boolean allowPrivate;
    private final Set<InetAddress> ownAddresses;
    private final Set<Integer> ownPorts;

    public PeerFilter(boolean allowPrivate, Set<InetAddress> ownAddresses, Set<Integer> ownPorts) {
        this.allowPrivate = allowPrivate;
        this.ownAddresses = Set.copyOf(ownAddresses);
        this.ownPorts = Set.copyOf(ownPorts);
    }

    /** True when a permission for this peer IP may be installed. */
    public boolean allowsAddress(InetAddress address) {
        return allowPrivate || (!address.isAnyLocalAddress() && ownAddresses.contains(address)) || !isRestricted(address);
    }

    /** True when a datagram may go to this peer transport address (address rule plus own-port rule). */
    public boolean allows(InetSocketAddress peer) {
        InetAddress a = peer.getAddress();
        if (a == null || !allowsAddress(a)) {
            return false;
        }
        return !isOwnPort(peer);
    }

    public boolean isOwnPort(InetSocketAddress peer) {
        InetAddress a = peer.getAddress();
        boolean ownAddress = a.isLoopbackAddress() || a.isAnyLocalAddress() || ownAddresses.contains(a);
        int port = peer.getPort();
        return ownAddress && ownPorts.contains(port);
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
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            if (isMappedV4(b)) {
                return isRestrictedV4(b, 12) || (b[12] & 0xff) == 127 || (b[12] & 0xff) == 10
                        || ((b[12] & 0xff) == 192 && (b[13] & 0xff) == 168)
                        || ((b[12] & 0xff) == 172 && (b[13] & 0xf0) == 16)
                        || ((b[12] & 0xff) == 169 && (b[13] & 0xff) == 254)
                        || ((b[12] & 0xff) >= 224);
            }
        }
        return false;
    }

    private static boolean isRestrictedV4(byte[] b, int o) {
        int first = b[o] & 0xff;
        int second = b[o + 1] & 0xff;
        return first == 0 // 0.0.0.0/8 "this network"
                || (first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10 shared address space (RFC 6598)
                || first >= 240; // 240/4 reserved and 255.255.255.255 broadcast
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
