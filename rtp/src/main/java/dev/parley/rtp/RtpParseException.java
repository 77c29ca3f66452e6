package dev.parley.rtp;

/**
 * An RTP or RTCP packet that cannot be parsed. The {@link Reason} lets a media pipeline count drops by cause; the
 * message says where the packet went wrong.
 */
public final class RtpParseException extends Exception {

    /** Why a packet was rejected. */
    public enum Reason {
        /** Fewer bytes than a header or a length field requires. */
        TRUNCATED,
        /** Version field other than 2 (RFC 3550 §5.1, §6.4.1). */
        BAD_VERSION,
        /** A length field that disagrees with the bytes present. */
        BAD_LENGTH,
        /** A padding count of zero or larger than the space it claims (RFC 3550 §5.1). */
        BAD_PADDING,
        /** A header extension element running past its block (RFC 8285 §4). */
        BAD_EXTENSION,
        /** A field whose value the specification forbids. */
        BAD_FIELD
    }

    private final Reason reason;

    public RtpParseException(Reason reason, String message) {
        // No stack trace: hostile input arrives at line rate and the reason plus message say all there is.
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
