package dev.parley.srtp;

/**
 * A packet that an {@link SrtpContext} refused. The {@link Reason} is what a media pipeline counts drops by.
 */
public final class SrtpException extends Exception {

    /** Why a packet was refused. */
    public enum Reason {
        /** The authentication tag did not verify: wrong key, tampering or garbage (RFC 3711 §3.3 step 5). */
        AUTHENTICATION_FAILED,
        /** The packet index was already received inside the replay window (RFC 3711 §3.3.2). */
        REPLAYED,
        /** The packet index lies behind the replay window, so replay cannot be ruled out (RFC 3711 §3.3.2). */
        TOO_OLD,
        /** Too short or not RTP/RTCP: no header, or no room for the tag and index. */
        MALFORMED,
        /** A new SSRC arrived while the context already tracks its maximum number of streams. */
        TOO_MANY_SSRCS,
        /** The 48-bit SRTP or 31-bit SRTCP index would wrap: the keys must be replaced (RFC 3711 §9.2). */
        INDEX_EXHAUSTED,
        /** The output buffer has no room for the result. */
        BUFFER_TOO_SMALL
    }

    private final Reason reason;

    public SrtpException(Reason reason, String message) {
        // No stack trace: refused packets arrive at line rate; the reason and message say all there is.
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
