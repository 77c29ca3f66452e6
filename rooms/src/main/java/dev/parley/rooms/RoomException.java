package dev.parley.rooms;

/** A room operation was refused; {@link #reason()} says why in a form the protocol layer maps to a code. */
public final class RoomException extends Exception {

    /** Why a room operation was refused. */
    public enum Reason {
        BAD_ROOM_NAME,
        BAD_NAME,
        ROOM_FULL,
        UNKNOWN_PARTICIPANT,
        RESUME_FAILED,
        TEXT_TOO_LONG,
        BAD_TEXT
    }

    private final Reason reason;

    public RoomException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
