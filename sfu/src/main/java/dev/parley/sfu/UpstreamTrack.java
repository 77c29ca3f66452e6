package dev.parley.sfu;

import dev.parley.rtp.ExtendedSequenceNumber;
import dev.parley.rtp.ReportBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * One track a participant publishes in one slot: its SSRC, the packets kept for NACKs (video), the subscribers'
 * sections it feeds, loss detection and the statistics of the receiver reports the SFU sends back (RFC 3550 §6.4.1,
 * A.3). Not thread-safe: owned by the media loop.
 */
final class UpstreamTrack {

    /** Video packets kept for retransmission: about 1 s of 720p video. */
    static final int CACHE_PACKETS = 512;
    /** Keyframe requests to one publisher track are spaced at least this far apart. */
    static final long KEYFRAME_INTERVAL_NANOS = 500_000_000L;
    /** A gap wider than this is a restart, not loss: it is not NACKed. */
    static final int MAX_NACK_GAP = 32;

    final Peer publisher;
    final Source source;
    final long ssrc;
    final PacketCache cache;
    final List<DownstreamSection> subscribers = new ArrayList<>();

    private final ExtendedSequenceNumber sequences = new ExtendedSequenceNumber();
    private boolean started;
    private long baseSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long lastKeyframeRequestNanos = Long.MIN_VALUE / 2;
    long lastSenderReportNtpMiddle;
    long lastSenderReportNanos;

    UpstreamTrack(Peer publisher, Source source, long ssrc) {
        this.publisher = publisher;
        this.source = source;
        this.ssrc = ssrc;
        this.cache = source.isVideo() ? new PacketCache(CACHE_PACKETS) : null;
    }

    /**
     * Counts a packet and returns the sequence numbers missing just before it (empty when it is the next one, a
     * reordered or repeated one, or after a gap too wide to be loss).
     */
    List<Integer> received(int seq) {
        long highestBefore = sequences.highest();
        long ext = sequences.extend(seq);
        received++;
        if (!started) {
            started = true;
            baseSeq = ext;
            return List.of();
        }
        long gap = ext - highestBefore - 1;
        if (gap <= 0 || gap > MAX_NACK_GAP || !source.isVideo()) {
            return List.of();
        }
        List<Integer> missing = new ArrayList<>((int) gap);
        for (long s = highestBefore + 1; s < ext; s++) {
            missing.add((int) (s & 0xffff));
        }
        return missing;
    }

    /** Whether a keyframe may be requested now (at most one per {@link #KEYFRAME_INTERVAL_NANOS}); records it. */
    boolean mayRequestKeyframe(long nowNanos) {
        if (nowNanos - lastKeyframeRequestNanos < KEYFRAME_INTERVAL_NANOS) {
            return false;
        }
        lastKeyframeRequestNanos = nowNanos;
        return true;
    }

    /** A report block about this track for the publisher (RFC 3550 §6.4.1), or null before the first packet. */
    ReportBlock reportBlock(long nowNanos) {
        if (!started) {
            return null;
        }
        long extHighest = sequences.highest();
        long expected = extHighest - baseSeq + 1;
        long lost = Math.max(0, expected - received);
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long dlsr = lastSenderReportNanos == 0 ? 0 : ((nowNanos - lastSenderReportNanos) * 65536L) / 1_000_000_000L;
        return new ReportBlock(ssrc, fraction, (int) Math.min(lost, (1 << 23) - 1), extHighest & 0xffff_ffffL, 0,
                lastSenderReportNtpMiddle, lastSenderReportNanos == 0 ? 0 : dlsr & 0xffff_ffffL);
    }
}
