package dev.parley.turn.internal;

import dev.parley.stun.TransactionId;
import dev.parley.turn.FiveTuple;
import dev.parley.turn.Relay;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One TURN allocation (RFC 8656 §2.2): its 5-tuple, owner, key, relay socket, and the mutable part,
 * expiry, permissions (§9), channel bindings (§11) and bandwidth budgets, all guarded by this
 * object's monitor. The table methods are {@code synchronized}; callers must not hold the monitor
 * while sending.
 */
public final class Allocation {

    public final FiveTuple tuple;
    public final String username;
    public final byte[] key;
    public final Relay relay;
    /** The address put in XOR-RELAYED-ADDRESS: the advertised IP with the relay's port. */
    public final InetSocketAddress relayedAddress;
    public final TransactionId createdBy;

    private long expiresAt;
    private final Map<InetAddress, Long> permissions = new HashMap<>();
    private final Map<Integer, ChannelBinding> channelsByNumber = new HashMap<>();
    private final Map<InetSocketAddress, ChannelBinding> channelsByPeer = new HashMap<>();
    private final TokenBucket toPeerBudget;
    private final TokenBucket toClientBudget;

    public Allocation(FiveTuple tuple, String username, byte[] key, Relay relay, InetSocketAddress relayedAddress,
            TransactionId createdBy, long expiresAt, long bandwidth, long nowMillis) {
        this.tuple = tuple;
        this.username = username;
        this.key = key;
        this.relay = relay;
        this.relayedAddress = relayedAddress;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
        this.toPeerBudget = new TokenBucket(bandwidth, nowMillis);
        this.toClientBudget = new TokenBucket(bandwidth, nowMillis);
    }

    public synchronized long expiresAt() {
        return expiresAt;
    }

    public synchronized void expiresAt(long at) {
        expiresAt = at;
    }

    public synchronized boolean isExpired(long now) {
        return now >= expiresAt;
    }

    public synchronized int permissionCount() {
        return permissions.size();
    }

    public synchronized int channelCount() {
        return channelsByNumber.size();
    }

    /** Installs or refreshes a permission; true when it is new. */
    public synchronized boolean permit(InetAddress peer, long expiresAt) {
        return permissions.put(peer, expiresAt) == null;
    }

    public synchronized boolean hasPermission(InetAddress peer, long now) {
        Long until = permissions.get(peer);
        return until != null && now < until;
    }

    /** The binding of channel {@code number}, if current. */
    public synchronized ChannelBinding channel(int number, long now) {
        ChannelBinding c = channelsByNumber.get(number);
        return c != null && now < c.expiresAt ? c : null;
    }

    /** The binding to {@code peer}, if current. */
    public synchronized ChannelBinding channelTo(InetSocketAddress peer, long now) {
        ChannelBinding c = channelsByPeer.get(peer);
        return c != null && now < c.expiresAt ? c : null;
    }

    /**
     * RFC 8656 §11.2: binds or refreshes channel {@code number} to {@code peer}. Returns 1 when a new
     * binding was made, 0 when refreshed, -1 when the number or the peer is bound otherwise.
     */
    public synchronized int bind(int number, InetSocketAddress peer, long expiresAt, long now) {
        ChannelBinding byNumber = channelsByNumber.get(number);
        ChannelBinding byPeer = channelsByPeer.get(peer);
        if (byNumber != null && now >= byNumber.expiresAt) {
            unbind(byNumber);
            byNumber = null;
        }
        if (byPeer != null && now >= byPeer.expiresAt) {
            unbind(byPeer);
            byPeer = null;
        }
        if (byNumber != null || byPeer != null) {
            if (byNumber != byPeer) {
                return -1;
            }
            byNumber.expiresAt = expiresAt;
            return 0;
        }
        ChannelBinding c = new ChannelBinding(number, peer, expiresAt);
        channelsByNumber.put(number, c);
        channelsByPeer.put(peer, c);
        return 1;
    }

    private void unbind(ChannelBinding c) {
        channelsByNumber.remove(c.number);
        channelsByPeer.remove(c.peer);
    }

    /** Drops expired permissions and channels; returns {removed permissions, removed channels}. */
    public synchronized int[] prune(long now) {
        int removedPermissions = 0;
        for (Iterator<Long> it = permissions.values().iterator(); it.hasNext();) {
            if (now >= it.next()) {
                it.remove();
                removedPermissions++;
            }
        }
        int removedChannels = 0;
        for (Iterator<ChannelBinding> it = channelsByNumber.values().iterator(); it.hasNext();) {
            ChannelBinding c = it.next();
            if (now >= c.expiresAt) {
                it.remove();
                channelsByPeer.remove(c.peer);
                removedChannels++;
            }
        }
        return new int[] {removedPermissions, removedChannels};
    }

    public synchronized boolean takeToPeer(int bytes, long now) {
        return toPeerBudget.take(bytes, now);
    }

    public synchronized boolean takeToClient(int bytes, long now) {
        return toClientBudget.take(bytes, now);
    }
}
