package dev.parley.sfu;

/**
 * What became of an {@code sfu-answer}. Callers map {@link Refused.Kind} to their wire error code in one place;
 * the detail is for people and may be reworded freely.
 */
public sealed interface AnswerOutcome {

    /** Applied: the connection and its sections are as the answer says. */
    record Accepted() implements AnswerOutcome {
    }

    /** An answer to an older offer; ignored, since a newer offer is on its way. */
    record Stale() implements AnswerOutcome {
    }

    /** Not applied. */
    record Refused(Kind kind, String detail) implements AnswerOutcome {

        public enum Kind {
            /** The participant has no SFU connection (never asked for one, or it closed). */
            NO_CONNECTION,
            /** The SFU's task queue is full; the caller may retry. */
            OVERLOADED,
            /** The SDP does not parse or does not fit the offer. */
            BAD_SDP
        }
    }

    AnswerOutcome ACCEPTED = new Accepted();
    AnswerOutcome STALE = new Stale();

    /** True for {@link Accepted} and {@link Stale}: nothing to report to the participant. */
    default boolean ok() {
        return !(this instanceof Refused);
    }
}
