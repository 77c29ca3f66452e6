package dev.parley.turn;

/** Why the server dropped a packet; each has a counter in {@link TurnStats}. */
public enum DropReason {
    /** Looked like STUN or ChannelData but did not parse. */
    MALFORMED,
    /** First byte neither STUN nor ChannelData (RFC 7983). */
    NOT_STUN,
    /** A STUN response or an indication the server does not take. */
    UNEXPECTED,
    /** Send indication or ChannelData from a 5-tuple without an allocation. */
    NO_ALLOCATION,
    /** Data to or from a peer without a current permission. */
    NO_PERMISSION,
    /** ChannelData on a channel that is not bound. */
    NO_CHANNEL,
    /** A peer address the filter refuses (own ports, private ranges). */
    FORBIDDEN_PEER,
    /** Over the allocation's bandwidth budget. */
    BANDWIDTH,
    /** A stream client's outbox was full. */
    CLIENT_QUEUE_FULL,
    /** The socket refused the send. */
    SEND_FAILED,
    /** An Allocate refused with 486: the user's or the client address's allocation quota is used up. */
    QUOTA
}
