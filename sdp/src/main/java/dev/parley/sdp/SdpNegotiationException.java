package dev.parley.sdp;

/** An offer that parses but cannot be answered at all; sections that merely cannot be used are rejected instead. */
public final class SdpNegotiationException extends Exception {

    /** Why no answer could be built. */
    public enum Reason {
        /** An accepted section has no {@code a=ice-ufrag} or {@code a=ice-pwd} at either level (RFC 8839 §5.4). */
        NO_ICE_CREDENTIALS,
        /** An accepted section has no {@code a=fingerprint}, so DTLS could not be verified (RFC 8122 §5). */
        NO_FINGERPRINT
    }

    private final Reason reason;

    public SdpNegotiationException(Reason reason, String message) {
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
