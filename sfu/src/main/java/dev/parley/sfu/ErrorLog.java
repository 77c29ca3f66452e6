package dev.parley.sfu;

import org.slf4j.Logger;

/**
 * Logs the internal errors the media loop survives, at most one a second with a count of those it kept quiet, so a
 * packet that trips a bug thousands of times a second neither floods the log nor goes unseen. Not thread-safe:
 * owned by the media loop.
 */
final class ErrorLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Logger log;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    ErrorLog(Logger log) {
        this.log = log;
    }

    void report(String where, RuntimeException e, long nowNanos) {
        if (logged && nowNanos - lastNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        logged = true;
        lastNanos = nowNanos;
        long quiet = suppressed;
        suppressed = 0;
        log.warn("The SFU dropped {} after an internal error ({} more since the last report)", where, quiet, e);
    }
}
