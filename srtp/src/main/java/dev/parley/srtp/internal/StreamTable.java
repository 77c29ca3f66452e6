package dev.parley.srtp.internal;

/**
 * The {@link StreamState}s of one context, looked up by SSRC with a linear scan: a context holds a handful of
 * streams (one browser's audio, video layers and their RTX), where a scan over an array beats hashing and boxes
 * nothing. Bounded by a maximum size.
 *
 * <p>Not thread-safe: owned by the thread that owns its {@code SrtpContext}.
 */
public final class StreamTable {

    private final int max;
    private StreamState[] states = new StreamState[4];
    private int size;
    private int last; // the stream used last: consecutive packets mostly belong to one stream

    public StreamTable(int max) {
        this.max = max;
    }

    /** The state of {@code ssrc}, or null if it has none yet. */
    public StreamState find(long ssrc) {
        if (size > 0 && states[last].ssrc() == ssrc) {
            return states[last];
        }
        for (int i = 0; i < size; i++) {
            if (states[i].ssrc() == ssrc) {
                last = i;
                return states[i];
            }
        }
        return null;
    }

    /** Adds state for a new {@code ssrc}; returns null when the table is full. */
    public StreamState add(long ssrc) {
        if (size == max) {
            return null;
        }
        if (size == states.length) {
            states = java.util.Arrays.copyOf(states, Math.min(max, size * 2));
        }
        StreamState state = new StreamState(ssrc);
        states[size] = state;
        last = size++;
        return state;
    }

    /** Forgets the state of {@code ssrc}; returns false when it had none. */
    public boolean remove(long ssrc) {
        for (int i = 0; i < size; i++) {
            if (states[i].ssrc() == ssrc) {
                states[i] = states[--size];
                states[size] = null;
                last = 0;
                return true;
            }
        }
        return false;
    }

    public boolean isFull() {
        return size == max;
    }

    public int size() {
        return size;
    }
}
