package dev.parley.sfu;

/** Why the SFU dropped a datagram or a task; each has a counter (metric label {@code reason}). */
public enum DropReason {
    /** RTP, RTCP or DTLS from an address no ICE check validated. */
    UNKNOWN_SOURCE("unknown-source"),
    /** A first byte outside STUN, DTLS and RTP/RTCP (RFC 7983), or a datagram too short to be anything. */
    NOT_RTP("not-rtp"),
    /** STUN that is not a valid check for a known transport (malformed, bad fingerprint or credentials, no such ufrag). */
    BAD_STUN("bad-stun"),
    /** SRTP or SRTCP that fails authentication or replay checks, or arrives before the keys. */
    SRTP("srtp"),
    /** Decrypted RTP or RTCP that does not parse. */
    MALFORMED("malformed"),
    /** RTP whose SSRC belongs to no slot of the sender. */
    NO_TRACK("no-track"),
    /** The socket refused a datagram (its buffer was full). */
    SEND_FAILED("send-failed"),
    /** A task for the media loop found its queue full. */
    QUEUE_FULL("queue-full"),
    /** A NACKed packet not resent: it was resent less than 100 ms ago, or the subscriber's budget was spent. */
    NACK_LIMITED("nack-limited"),
    /** An ICE check from an address another connection already uses: answered, but the address stays with its owner. */
    ADDRESS_IN_USE("address-in-use"),
    /** A datagram or task that hit a bug in the SFU (logged); only that datagram or task is lost. */
    INTERNAL_ERROR("internal-error");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
