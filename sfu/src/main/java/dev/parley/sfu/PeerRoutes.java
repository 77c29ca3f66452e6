package dev.parley.sfu;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Which connection a datagram belongs to: STUN by the ufrag in its USERNAME (RFC 8445 §7.3), DTLS and SRTP by a
 * source address an ICE check of that connection validated. An address stays with the connection that had it first
 * (a participant could otherwise send checks from a forged source and take someone's media), and a connection routes
 * at most {@link #MAX_ADDRESSES}, its agent's own cap, so the map is bounded by the connections. Not thread-safe:
 * owned by the media loop.
 */
final class PeerRoutes {

    /** Remote addresses one connection may have validated at once (the agent's cap, mirrored here). */
    static final int MAX_ADDRESSES = dev.parley.ice.IceSettings.DEFAULT.maxRemoteAddresses();

    private final SfuMetrics metrics;
    private final Map<String, Peer> byUfrag = new HashMap<>();
    private final Map<InetSocketAddress, Peer> byAddress = new HashMap<>();

    PeerRoutes(SfuMetrics metrics) {
        this.metrics = metrics;
    }

    boolean ufragTaken(String ufrag) {
        return byUfrag.containsKey(ufrag);
    }

    void register(Peer peer) {
        byUfrag.put(peer.credentials.ufrag(), peer);
    }

    /** The connection a STUN check names, or null. */
    Peer forCheck(byte[] buf, int len) {
        return byUfrag.get(PacketBytes.localUfrag(buf, len));
    }

    /** The connection a validated address routes to, or null. */
    Peer at(InetSocketAddress address) {
        return byAddress.get(address);
    }

    /**
     * Routes {@code address} to {@code peer} unless another connection owns it (then counted {@code address-in-use});
     * keeps at most {@link #MAX_ADDRESSES} per peer, forgetting the oldest that is not its media address.
     */
    void route(Peer peer, InetSocketAddress address) {
        Peer owner = byAddress.get(address);
        if (owner != null && owner != peer) {
            metrics.drop(DropReason.ADDRESS_IN_USE);
            return;
        }
        byAddress.put(address, peer);
        peer.validated.remove(address);
        peer.validated.add(address);
        Iterator<InetSocketAddress> it = peer.validated.iterator();
        while (peer.validated.size() > MAX_ADDRESSES && it.hasNext()) {
            InetSocketAddress oldest = it.next();
            if (!oldest.equals(peer.mediaAddress) && !oldest.equals(address)) {
                it.remove();
                byAddress.remove(oldest, peer);
            }
        }
    }

    /** Removes everything that routes to a closed connection. */
    void forget(Peer peer) {
        byUfrag.remove(peer.credentials.ufrag(), peer);
        for (InetSocketAddress a : peer.validated) {
            byAddress.remove(a, peer);
        }
    }

    int addressCount() {
        return byAddress.size();
    }
}
