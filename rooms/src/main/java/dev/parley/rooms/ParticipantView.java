package dev.parley.rooms;

/** An immutable snapshot of a participant as the others see it. */
public record ParticipantView(String id, String name, boolean connected, ParticipantState state) {
}
