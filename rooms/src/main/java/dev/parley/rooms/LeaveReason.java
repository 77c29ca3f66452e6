package dev.parley.rooms;

/** Why a participant left a room. */
public enum LeaveReason {
    /** The participant said so. */
    LEFT,
    /** The socket was lost and not resumed within the resume grace. */
    TIMEOUT
}
