package dev.parley.sfu;

/**
 * One {@code sendonly} (or, once its track is gone, {@code inactive}) section of a subscriber's SFU connection: which
 * track it carries and the SSRC and rewriting it sends with. Not thread-safe: owned by the media loop.
 */
final class DownstreamSection {

    final Peer subscriber;
    final String mid;
    final String kind;
    /** The publisher's participant id and source this section carries; null when idle. */
    String publisherId;
    Source source;
    /** The publishing track once its SSRC is known (it may appear after the section is offered). */
    UpstreamTrack track;
    /** The SSRC the SFU writes in this section; new for every track the section carries. */
    long outSsrc;
    /** The track id written in {@code a=msid}; new for every track the section carries. */
    String trackId;
    final StreamRewriter rewriter = new StreamRewriter();
    /** When recent packets were resent; made with the first NACK. */
    ResendHistory resends;
    /** False until the subscriber has answered an offer that announced this section's current track. */
    boolean announced;

    DownstreamSection(Peer subscriber, String mid, String kind) {
        this.subscriber = subscriber;
        this.mid = mid;
        this.kind = kind;
    }

    boolean idle() {
        return publisherId == null;
    }
}
