package dev.parley.signaling;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Limits per client address and in all, so one host cannot take the server's sessions, rooms or join capacity from
 * everyone else (docs/protocol.md, "Limits and close codes"): signaling sockets per address and in all (checked at
 * the WebSocket upgrade), joins and new rooms per address per minute (token buckets). An IPv6 client counts by its
 * /64, the block one host gets. Loopback clients are not limited unless {@link Limits#limitLoopback}: behind a
 * reverse proxy on the same host every client is loopback. Time is passed in. Thread-safe (one monitor: the
 * sections are short and taken once per socket or join, never per message).
 */
public final class Admission {

    /**
     * @param maxSessions           signaling sockets in all
     * @param maxSocketsPerAddress  signaling sockets open from one address
     * @param joinsPerMinute        joins (and resumes) from one address per minute, as a burst refilled evenly
     * @param roomsPerMinute        rooms created by joins from one address per minute, likewise
     * @param limitLoopback         apply the per-address limits to loopback clients too (tests)
     */
    public record Limits(int maxSessions, int maxSocketsPerAddress, int joinsPerMinute, int roomsPerMinute,
            boolean limitLoopback) {

        /**
         * 10,000 sockets, what a 2-core server's signaling carries with room to spare (bench/run); 20 sockets per
         * address, a household or small office behind one NAT with a tab or two each; 30 joins and 10 new rooms per
         * address per minute, several times a person reconnecting or starting meetings, far below a crawler.
         */
        public static final Limits DEFAULTS = new Limits(10_000, 20, 30, 10, false);

        public Limits {
            if (maxSessions < 1 || maxSocketsPerAddress < 1 || joinsPerMinute < 1 || roomsPerMinute < 1) {
                throw new IllegalArgumentException("admission limits must be positive");
            }
        }
    }

    /** Why a socket is refused at the upgrade. */
    public enum Refusal {
        /** The server has {@link Limits#maxSessions} sockets (HTTP 503). */
        SERVER_FULL,
        /** The address has {@link Limits#maxSocketsPerAddress} sockets (HTTP 429). */
        TOO_MANY_SOCKETS
    }

    private static final double PER_MINUTE = 1.0 / 60;

    private final Limits limits;
    private final Map<Object, Entry> byAddress = new HashMap<>();
    private int sessions;

    /** One address: its open sockets and its join and room buckets. */
    private static final class Entry {
        int sockets;
        RateLimiter joins;
        RateLimiter rooms;
        long lastUsedNanos;
    }

    public Admission(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** Admits a new socket from {@code address}, or says why not; an admitted socket must be {@link #closed}. */
    public synchronized Refusal open(InetAddress address, long nowNanos) {
        if (sessions >= limits.maxSessions()) {
            return Refusal.SERVER_FULL;
        }
        Entry e = limited(address) ? entry(address, nowNanos) : null;
        if (e != null && e.sockets >= limits.maxSocketsPerAddress()) {
            return Refusal.TOO_MANY_SOCKETS;
        }
        sessions++;
        if (e != null) {
            e.sockets++;
        }
        return null;
    }

    /** An admitted socket closed. */
    public synchronized void closed(InetAddress address, long nowNanos) {
        sessions = Math.max(0, sessions - 1);
        Entry e = limited(address) ? byAddress.get(key(address)) : null;
        if (e != null) {
            e.sockets = Math.max(0, e.sockets - 1);
            e.lastUsedNanos = nowNanos;
        }
    }

    /** Takes a join from the address's budget; false when it is spent. */
    public synchronized boolean mayJoin(InetAddress address, long nowNanos) {
        return !limited(address) || bucket(entry(address, nowNanos), true, nowNanos).tryAcquire(nowNanos);
    }

    /** Takes a new room from the address's budget; false when it is spent. */
    public synchronized boolean mayCreateRoom(InetAddress address, long nowNanos) {
        return !limited(address) || bucket(entry(address, nowNanos), false, nowNanos).tryAcquire(nowNanos);
    }

    private RateLimiter bucket(Entry e, boolean joins, long nowNanos) {
        if (joins && e.joins == null) {
            e.joins = new RateLimiter(limits.joinsPerMinute() * PER_MINUTE, limits.joinsPerMinute(), nowNanos);
        } else if (!joins && e.rooms == null) {
            e.rooms = new RateLimiter(limits.roomsPerMinute() * PER_MINUTE, limits.roomsPerMinute(), nowNanos);
        }
        return joins ? e.joins : e.rooms;
    }

    /**
     * Forgets addresses with no socket whose buckets have refilled (a minute unused), so the map is bounded by the
     * open sockets plus the addresses seen in the last minute. Call periodically.
     */
    public synchronized void sweep(long nowNanos) {
        for (Iterator<Entry> it = byAddress.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.sockets == 0 && nowNanos - e.lastUsedNanos > 60_000_000_000L) {
                it.remove();
            }
        }
    }

    /** Sockets open now. */
    public synchronized int sessions() {
        return sessions;
    }

    /** Addresses tracked now (for tests and metrics). */
    public synchronized int trackedAddresses() {
        return byAddress.size();
    }

    private boolean limited(InetAddress address) {
        return address != null && (limits.limitLoopback() || !address.isLoopbackAddress());
    }

    private Entry entry(InetAddress address, long nowNanos) {
        Entry e = byAddress.computeIfAbsent(key(address), k -> new Entry());
        e.lastUsedNanos = nowNanos;
        return e;
    }

    /** IPv4: the address. IPv6: its /64 (one host's block; it can pick any address inside). */
    static Object key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            return java.nio.ByteBuffer.wrap(b, 0, 8).getLong();
        }
        return address;
    }
}
