package dev.parley.sfu;

/**
 * The last {@code capacity} decrypted RTP packets of one track, by sequence number, so NACKs can be answered
 * (RFC 4585 §6.2.1). Slots are preallocated and reused: no allocation per packet. A slot remembers which sequence
 * number it holds, so a request for a number that has been overwritten (or never arrived) misses. Not thread-safe:
 * owned by the media loop.
 */
final class PacketCache {

    static final int MAX_PACKET = 1500;

    private final byte[][] packets;
    private final int[] lengths;
    private final int[] sequences;
    private final int mask;

    /** @param capacity a power of two */
    PacketCache(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        packets = new byte[capacity][];
        lengths = new int[capacity];
        sequences = new int[capacity];
        java.util.Arrays.fill(sequences, -1);
        mask = capacity - 1;
    }

    void put(int seq, byte[] buf, int off, int len) {
        if (len > MAX_PACKET) {
            return;
        }
        int slot = seq & mask;
        if (packets[slot] == null) {
            packets[slot] = new byte[MAX_PACKET];
        }
        System.arraycopy(buf, off, packets[slot], 0, len);
        lengths[slot] = len;
        sequences[slot] = seq;
    }

    /** Whether the packet {@code seq} is cached. */
    boolean contains(int seq) {
        return sequences[seq & mask] == seq;
    }

    /** Copies the packet {@code seq} into {@code out}; returns its length, or -1 if it is not cached. */
    int get(int seq, byte[] out) {
        int slot = seq & mask;
        if (sequences[slot] != seq) {
            return -1;
        }
        System.arraycopy(packets[slot], 0, out, 0, lengths[slot]);
        return lengths[slot];
    }
}
