package dev.parley.rooms;

/**
 * Where a participant's room events go: the participant's connection.
 *
 * <p>Thread-safety: implementations must be thread-safe and must not block or call back into the room,
 * because rooms call them while holding the room's lock (lock order: room, then endpoint internals).
 */
public interface Endpoint {

    /** Queues an event for the participant. Must not block. */
    void deliver(RoomEvent event);

    /** The participant resumed on another connection; this endpoint will receive nothing more. */
    void replaced();
}
