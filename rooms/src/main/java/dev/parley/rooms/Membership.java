package dev.parley.rooms;

/**
 * A connection's handle on its place in a room, returned by {@link RoomRegistry#join} and
 * {@link RoomRegistry#resume}. Immutable; the room checks on each use that the handle is still current.
 */
public final class Membership {

    final Room room;
    final String participantId;
    final Endpoint endpoint;

    Membership(Room room, String participantId, Endpoint endpoint) {
        this.room = room;
        this.participantId = participantId;
        this.endpoint = endpoint;
    }

    public String participantId() {
        return participantId;
    }

    public RoomName room() {
        return room.name;
    }
}
