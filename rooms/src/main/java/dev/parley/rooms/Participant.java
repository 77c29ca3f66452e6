package dev.parley.rooms;

/** A participant's mutable record inside its room. Not thread-safe: guarded by the room's lock. */
final class Participant {

    final String id;
    final String name;
    ParticipantState state = ParticipantState.INITIAL;
    Endpoint endpoint;
    String resumeToken;
    /** Epoch millis when the socket was lost, or -1 while connected. */
    long disconnectedAt = -1;

    Participant(String id, String name, Endpoint endpoint, String resumeToken) {
        this.id = id;
        this.name = name;
        this.endpoint = endpoint;
        this.resumeToken = resumeToken;
    }

    boolean connected() {
        return disconnectedAt < 0;
    }

    ParticipantView view() {
        return new ParticipantView(id, name, connected(), state);
    }
}
