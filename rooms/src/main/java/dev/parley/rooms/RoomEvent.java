package dev.parley.rooms;

/** Something that happened in a room, delivered to the {@link Endpoint} of each participant concerned. */
public sealed interface RoomEvent {

    /**
     * The receiving endpoint has joined or resumed. Delivered to the joiner before any other event of the room, while
     * the room is locked, so nothing about the room can reach the joiner ahead of it.
     */
    record Joined(JoinGrant grant) implements RoomEvent {
    }

    record ParticipantJoined(ParticipantView participant) implements RoomEvent {
    }

    record ParticipantUpdated(ParticipantView participant) implements RoomEvent {
    }

    record ParticipantLeft(String participantId, LeaveReason reason) implements RoomEvent {
    }

    /** A signal relayed from another participant; the payload is opaque to rooms. */
    record SignalRelayed(String from, Object payload) implements RoomEvent {
    }

    record ChatPosted(ChatMessage message) implements RoomEvent {
    }

    /** The room's media moved (peer to peer → SFU); delivered to everyone already in the room. */
    record TopologyChanged(Topology topology) implements RoomEvent {
    }

    /** A message for one participant from a server component (the SFU); opaque to rooms. */
    record Direct(Object message) implements RoomEvent {
    }
}
