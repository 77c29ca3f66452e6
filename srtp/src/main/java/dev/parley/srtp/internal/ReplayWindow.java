package dev.parley.srtp.internal;

/**
 * A sliding replay window over packet indices (RFC 3711 §3.3.2): remembers which of the last {@code size} indices
 * below the highest one were received. A ring of bits indexed by {@code index mod size}. Checking and accepting are
 * separate so that a packet is only recorded after it authenticates.
 *
 * <p>Not thread-safe: owned by the thread that owns its {@code SrtpContext}.
 */
public final class ReplayWindow {

    /** Verdicts of {@link #check}. */
    public static final int FRESH = 0;
    public static final int REPLAYED = 1;
    public static final int TOO_OLD = 2;

    private final int size;
    private final long[] bits;
    private long highest = -1;

    /** @param size a power of two ≥ 64 */
    public ReplayWindow(int size) {
        if (size < 64 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("window size must be a power of two ≥ 64: " + size);
        }
        this.size = size;
        this.bits = new long[size / 64];
    }

    /** Whether {@code index} may be accepted: {@link #FRESH}, {@link #REPLAYED} or {@link #TOO_OLD}. */
    public int check(long index) {
        if (index < 0) {
            return TOO_OLD; // an estimated rollover counter of -1: before the stream began
        }
        if (index > highest) {
            return FRESH;
        }
        if (highest - index >= size) {
            return TOO_OLD;
        }
        return isSet(index) ? REPLAYED : FRESH;
    }

    /** Records {@code index}, which {@link #check} found fresh, sliding the window forward if it is the newest. */
    public void accept(long index) {
        if (index > highest) {
            if (highest < 0 || index - highest >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long i = highest + 1; i < index; i++) {
                    clear(i);
                }
            }
            highest = index;
        }
        set(index);
    }

    public long highest() {
        return highest;
    }

    private boolean isSet(long index) {
        int bit = (int) (index & (size - 1));
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    private void set(long index) {
        int bit = (int) (index & (size - 1));
        bits[bit >>> 6] |= 1L << bit;
    }

    private void clear(long index) {
        int bit = (int) (index & (size - 1));
        bits[bit >>> 6] &= ~(1L << bit);
    }
}
