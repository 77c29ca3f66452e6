package dev.parley.turn;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The TURN server's counters, lock-free, for the server to bind to its metrics registry.
 * Gauges ({@link #allocations()}, {@link #permissions()}, {@link #channels()}) go up and down;
 * everything else only counts up. Thread-safe.
 */
public final class TurnStats {

    final AtomicLong allocations = new AtomicLong();
    final AtomicLong permissions = new AtomicLong();
    final AtomicLong channels = new AtomicLong();
    final LongAdder allocationsCreated = new LongAdder();
    final LongAdder allocationsDeleted = new LongAdder();
    final LongAdder packetsToPeer = new LongAdder();
    final LongAdder bytesToPeer = new LongAdder();
    final LongAdder packetsToClient = new LongAdder();
    final LongAdder bytesToClient = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder bindingRequests = new LongAdder();
    private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);

    public TurnStats() {
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    public long allocations() { return allocations.get(); }
    public long permissions() { return permissions.get(); }
    public long channels() { return channels.get(); }
    public long allocationsCreated() { return allocationsCreated.sum(); }
    /** Allocations ended by expiry, Refresh 0, connection close or stop. */
    public long allocationsDeleted() { return allocationsDeleted.sum(); }
    public long packetsToPeer() { return packetsToPeer.sum(); }
    public long bytesToPeer() { return bytesToPeer.sum(); }
    public long packetsToClient() { return packetsToClient.sum(); }
    public long bytesToClient() { return bytesToClient.sum(); }
    public long authFailures() { return authFailures.sum(); }
    public long bindingRequests() { return bindingRequests.sum(); }

    public long drops(DropReason reason) {
        return drops.get(reason).sum();
    }

    public void drop(DropReason reason) {
        drops.get(reason).increment();
    }

    void toPeer(int bytes) {
        packetsToPeer.increment();
        bytesToPeer.add(bytes);
    }

    void toClient(int bytes) {
        packetsToClient.increment();
        bytesToClient.add(bytes);
    }

    @Override
    public String toString() {
        return "allocations=" + allocations() + " permissions=" + permissions() + " channels=" + channels()
                + " toPeer=" + packetsToPeer() + "/" + bytesToPeer() + "B toClient=" + packetsToClient() + "/"
                + bytesToClient() + "B authFailures=" + authFailures() + " drops=" + drops;
    }
}
