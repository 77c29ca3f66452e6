package dev.parley.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** This machine's names and addresses, for printed URLs and certificate names. */
public final class NetworkAddresses {

    private NetworkAddresses() {
    }

    /** Non-loopback, non-link-local addresses of interfaces that are up, IPv4 first. */
    public static List<InetAddress> lanAddresses() {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address.isLinkLocalAddress() || address.isLoopbackAddress() || address.isAnyLocalAddress()) {
                        continue;
                    }
                    (address instanceof Inet6Address ? v6 : v4).add(address);
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        v4.addAll(v6);
        return v4;
    }

    /** The names a self-signed certificate should carry: localhost, loopback, host name, LAN addresses, public host. */
    public static Set<String> certificateNames(String publicHost) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!host.isBlank()) {
                names.add(host);
            }
        } catch (UnknownHostException e) {
            // no host name: the addresses still serve
        }
        for (InetAddress address : lanAddresses()) {
            names.add(literal(address));
        }
        if (publicHost != null && !publicHost.isBlank()) {
            names.add(publicHost);
        }
        return names;
    }

    /** The address as a literal without an IPv6 scope suffix ({@code %eth0}). */
    public static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    /** A host as it goes into a URL: IPv6 literals in brackets. */
    public static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
