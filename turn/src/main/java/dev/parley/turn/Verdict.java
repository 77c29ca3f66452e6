package dev.parley.turn;

/** What the core made of one client packet; the stream edge disconnects on {@link #MALFORMED}. */
public enum Verdict {
    HANDLED, DROPPED, MALFORMED
}
