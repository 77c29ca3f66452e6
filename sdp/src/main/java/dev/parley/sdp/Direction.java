package dev.parley.sdp;

import java.util.Locale;

/** Media direction attributes (RFC 8866 §6.7, RFC 3264 §6.1), seen from the side that wrote them. */
public enum Direction {
    SENDRECV(true, true), SENDONLY(true, false), RECVONLY(false, true), INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    Direction(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The attribute name, or null when {@code name} is no direction. */
    public static Direction fromAttribute(String name) {
        return switch (name) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The same stream seen from the other side. */
    public Direction reversed() {
        return of(receives, sends);
    }

    /**
     * RFC 3264 §6.1: the answer may only send what the offer receives and receive what it sends; within that, the
     * answerer does what it {@code local}ly wants.
     */
    public static Direction answerTo(Direction offered, Direction local) {
        return of(offered.receives && local.sends, offered.sends && local.receives);
    }
}
