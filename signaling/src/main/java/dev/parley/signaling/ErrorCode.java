package dev.parley.signaling;

import dev.parley.rooms.RoomException;

/** Stable error codes of the protocol (docs/protocol.md, "error"). */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    BAD_MESSAGE("bad-message"),
    UNKNOWN_TYPE("unknown-type"),
    UNSUPPORTED_VERSION("unsupported-version"),
    NOT_JOINED("not-joined"),
    ALREADY_JOINED("already-joined"),
    BAD_ROOM_NAME("bad-room-name"),
    BAD_NAME("bad-name"),
    ROOM_FULL("room-full"),
    UNKNOWN_PARTICIPANT("unknown-participant"),
    TEXT_TOO_LONG("text-too-long"),
    RESUME_FAILED("resume-failed"),
    RATE_LIMITED("rate-limited"),
    TOO_MANY_JOINS("too-many-joins"),
    TOO_MANY_ROOMS("too-many-rooms"),
    SFU_UNAVAILABLE("sfu-unavailable"),
    BAD_SDP("bad-sdp"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }

    static ErrorCode of(RoomException.Reason reason) {
        return switch (reason) {
            case BAD_ROOM_NAME -> BAD_ROOM_NAME;
            case BAD_NAME -> BAD_NAME;
            case ROOM_FULL -> ROOM_FULL;
            case UNKNOWN_PARTICIPANT -> UNKNOWN_PARTICIPANT;
            case RESUME_FAILED -> RESUME_FAILED;
            case TEXT_TOO_LONG -> TEXT_TOO_LONG;
            case BAD_TEXT -> BAD_MESSAGE;
        };
    }
}
