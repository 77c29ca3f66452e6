package dev.parley.rooms;

/** A partial {@link ParticipantState} update; {@code null} means "unchanged". */
public record StatePatch(Boolean audioMuted, Boolean videoMuted, Boolean screenSharing, Boolean handRaised) {
}
