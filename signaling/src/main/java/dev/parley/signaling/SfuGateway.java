package dev.parley.signaling;

import dev.parley.rooms.Membership;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The signaling side's view of the SFU (docs/protocol.md, "Media through the server"). Implementations must not block:
 * they are called with the session's lock held and hand the work to the SFU's own thread. Offers come back to the
 * participant as {@link ServerMessage.SfuOffer}s through {@link dev.parley.rooms.RoomRegistry#sendTo}.
 */
public interface SfuGateway {

    /** No SFU: every request is refused. */
    SfuGateway NONE = new SfuGateway() {
        @Override
        public boolean connect(Membership membership) {
            return false;
        }

        @Override
        public CompletionStage<Refusal> answer(Membership membership, int version, String sdp) {
            return CompletableFuture.completedFuture(new Refusal(ErrorCode.SFU_UNAVAILABLE, "The SFU is off"));
        }
    };

    /** Why an answer was refused, as the client's {@code error} will say it. */
    record Refusal(ErrorCode code, String message) {
    }

    /** Creates a fresh SFU connection for the participant; false if the SFU cannot take it (off, full, overloaded). */
    boolean connect(Membership membership);

    /**
     * Applies the participant's answer. Completes with null when accepted (or ignored as stale), or with the reason it
     * was refused.
     */
    CompletionStage<Refusal> answer(Membership membership, int version, String sdp);
}
