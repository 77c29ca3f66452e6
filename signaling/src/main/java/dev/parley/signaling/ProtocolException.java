package dev.parley.signaling;

/** A client message was refused; carries the protocol error code and the client's {@code ref}, if any. */
public final class ProtocolException extends Exception {

    private final ErrorCode code;
    private final String ref;

    public ProtocolException(ErrorCode code, String message, String ref) {
        super(message);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    public String ref() {
        return ref;
    }
}
