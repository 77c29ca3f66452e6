package dev.parley.ice;

/** What {@link IceLiteAgent#handle} did with one packet; the edge counts these. */
public enum CheckVerdict {
    /** A valid Binding request, answered with a success response. */
    ANSWERED,
    /** A request answered with an error response (400, 401, 420 or 487). */
    REJECTED,
    /** Not a STUN message, or a STUN message that does not parse: silently discarded (RFC 8489 §6.3). */
    MALFORMED,
    /** FINGERPRINT missing or wrong: silently discarded (RFC 8445 §7.3, RFC 8489 §7.3). */
    BAD_FINGERPRINT,
    /** A STUN indication or response: an ICE-lite agent sends no requests, so nothing to do (RFC 8445 §2.5). */
    IGNORED,
    /** The transport is closed (consent expired or {@link IceLiteAgent#close}); nothing is answered. */
    CLOSED
}
