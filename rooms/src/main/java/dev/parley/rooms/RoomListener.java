package dev.parley.rooms;

/**
 * Hears about participants for a server component that keeps per-participant state outside rooms (the SFU).
 * Called with the room's lock held: implementations must not block and must not call back into the registry;
 * post the work to their own thread instead.
 */
public interface RoomListener {

    RoomListener NONE = new RoomListener() {
    };

    /** The participant is gone for good (left, or its resume grace ran out). */
    default void participantLeft(RoomName room, String participantId) {
    }

    /** The participant's media state changed. */
    default void stateChanged(RoomName room, ParticipantView participant) {
    }
}
