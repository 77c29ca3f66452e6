package dev.parley.signaling;

/** WebSocket close codes the server uses (docs/protocol.md, "Limits and close codes"). */
public final class CloseCodes {

    /** RFC 6455: the server is going away. */
    public static final int GOING_AWAY = 1001;
    /** RFC 6455: policy violation (rate limit exceeded again and again). */
    public static final int POLICY_VIOLATION = 1008;
    /** RFC 6455: message too big (over 64 KiB). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Parley: the socket was silent for the liveness timeout. */
    public static final int LIVENESS_TIMEOUT = 4000;
    /** Parley: the participant resumed on another socket. */
    public static final int REPLACED = 4001;
    /** Parley: the socket could not keep up with its outgoing messages. */
    public static final int SLOW_CONSUMER = 4002;
    /** Parley: the socket did not join a room within the join timeout. */
    public static final int JOIN_TIMEOUT = 4003;

    private CloseCodes() {
    }
}
