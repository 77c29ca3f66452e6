package dev.parley.stun;

/**
 * Bytes that are not a well-formed STUN message, attribute or ChannelData frame. The one checked
 * exception of this module: parsers throw nothing else on any input.
 */
public final class StunParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public StunParseException(String reason) {
        super(reason);
    }
}
