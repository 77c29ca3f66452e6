package dev.parley.rooms;

/** What a participant's media looks like to the others. Immutable. */
public record ParticipantState(boolean audioMuted, boolean videoMuted, boolean screenSharing, boolean handRaised) {

    public static final ParticipantState INITIAL = new ParticipantState(false, false, false, false);

    /** Applies a partial update: {@code null} fields keep their current value. */
    public ParticipantState apply(StatePatch patch) {
        return new ParticipantState(
                patch.audioMuted() != null ? patch.audioMuted() : audioMuted,
                patch.videoMuted() != null ? patch.videoMuted() : videoMuted,
                patch.screenSharing() != null ? patch.screenSharing() : screenSharing,
                patch.handRaised() != null ? patch.handRaised() : handRaised);
    }
}
