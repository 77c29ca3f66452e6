package dev.parley.sfu;

/** Where the SFU's messages for participants go. Called on the media loop thread: must not block. */
public interface SfuListener {

    /** Send this offer to the participant. */
    void offer(String room, String participantId, SfuOffer offer);

    /** Why a request could not be served, for the participant. */
    @FunctionalInterface
    interface Refusal {
        void refused(String message);
    }
}
