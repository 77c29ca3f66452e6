package dev.parley.signaling;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-message-type budgets on top of the session's overall rate limit (docs/protocol.md, "Limits"). The overall limit
 * (50/s) bounds what a client costs the server; these bound what it costs everyone else: a message that is
 * broadcast to the room, or that makes the SFU re-offer every connection, is allowed at a human pace only, so a
 * client riding the overall limit cannot make a whole room renegotiate or flood every browser. A message over its
 * budget is dropped with {@code rate-limited}. Time is passed in. Not thread-safe: owned by one session.
 */
final class MessageBudgets {

    /** The budget of screen-share changes carried by {@code state}. */
    static final String SCREEN_SHARE = "screen-share";

    /** Sustained rate and burst of one message type. */
    record Budget(double perSecond, int burst) {
    }

    /**
     * The budgets. chat: reaches every browser in the room; a person types far slower, and 20 at once covers a
     * pasted list. state: every change goes to everyone, and a screen-share change re-offers every SFU connection.
     * sfu-connect: re-offers every connection of the room; the client's own reconnects back off from 1 s.
     * join, resume, leave: each announces a participant to the room. chat-history and get-ice-servers: answered to
     * the sender only, but read the room's history or mint credentials. screen-share (not a message type: a
     * {@code state} that starts or stops sharing): each change adds or removes a section on every SFU connection of
     * the room, so one change per 2 s, three at once.
     */
    static final Map<String, Budget> BUDGETS = Map.of(
            "chat", new Budget(5, 20),
            "state", new Budget(5, 10),
            "sfu-connect", new Budget(0.5, 3),
            "join", new Budget(1, 5),
            "resume", new Budget(1, 5),
            "leave", new Budget(1, 5),
            "chat-history", new Budget(2, 10),
            "get-ice-servers", new Budget(1, 5),
            SCREEN_SHARE, new Budget(0.5, 3));

    private final Map<String, RateLimiter> limiters = new HashMap<>();
    private final long createdNanos;

    MessageBudgets(long nowNanos) {
        this.createdNanos = nowNanos;
    }

    /** Takes one message of {@code type} from its budget; true for types without one. */
    boolean tryAcquire(String type, long nowNanos) {
        Budget budget = BUDGETS.get(type);
        if (budget == null) {
            return true;
        }
        return limiters.computeIfAbsent(type, t -> new RateLimiter(budget.perSecond(), budget.burst(), createdNanos))
                .tryAcquire(nowNanos);
    }
}
