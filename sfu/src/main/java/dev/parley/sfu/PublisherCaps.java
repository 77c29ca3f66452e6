package dev.parley.sfu;

import dev.parley.rtp.Remb;
import java.util.ArrayList;
import java.util.List;

/**
 * Caps what each publisher sends to what its most constrained subscriber's downlink carries, with REMB
 * (draft-alvestrand-rmcat-remb-03), which the browser takes as an upper bound on its send rate, as Janus VideoRoom
 * caps publishers. A subscriber's share of its {@link DownlinkEstimate} is what is left after audio, split evenly
 * between the videos it receives; a publisher may send that share for each video it publishes, plus audio. Until
 * layers exist (simulcast), this is the one lever the SFU has: everyone then receives the slowest subscriber's
 * quality of that publisher, rather than the slow subscriber receiving nothing but frozen frames. When no subscriber
 * is constrained any more the cap is lifted with an unconstrained REMB, sent {@link #LIFT_REPEATS} times in case
 * RTCP is lost. Not thread-safe: owned by the media loop.
 */
final class PublisherCaps {

    /** What an Opus stream takes with its headers (about 32 kbit/s of payload at 50 packets/s). */
    static final long AUDIO_BPS = 50_000;
    /** A video below this is not worth sending: the cap never goes lower. */
    static final long MIN_VIDEO_BPS = 60_000;
    static final int LIFT_REPEATS = 3;

    private final MediaOutput output;

    PublisherCaps(MediaOutput output) {
        this.output = output;
    }

    /** Sends each publisher of the room its cap (called with the receiver reports, once a second). */
    void apply(SfuRoom room) {
        for (Peer publisher : room.peers.values()) {
            if (!publisher.connected() || publisher.published.isEmpty()) {
                continue;
            }
            long perVideo = Long.MAX_VALUE;
            for (Peer subscriber : room.peers.values()) {
                if (subscriber == publisher || !subscriber.connected() || !subscriber.downlink.constrained()
                        || !receivesVideoOf(subscriber, publisher.id)) {
                    continue;
                }
                perVideo = Math.min(perVideo, share(subscriber));
            }
            int videos = (int) publisher.published.keySet().stream().filter(Source::isVideo).count();
            if (perVideo != Long.MAX_VALUE && videos > 0) {
                send(publisher, Math.max(MIN_VIDEO_BPS, perVideo) * videos + AUDIO_BPS);
                publisher.liftsDue = LIFT_REPEATS;
            } else if (publisher.liftsDue > 0) {
                send(publisher, DownlinkEstimate.UNCONSTRAINED_BPS);
                publisher.liftsDue--;
            }
        }
    }

    /** What a subscriber's downlink leaves for each video it receives, after its audio. */
    static long share(Peer subscriber) {
        int audio = 0;
        int video = 0;
        for (DownstreamSection d : subscriber.sections) {
            if (d.announced && d.source != null) {
                if (d.source.isVideo()) {
                    video++;
                } else {
                    audio++;
                }
            }
        }
        return (subscriber.downlink.bps() - audio * AUDIO_BPS) / Math.max(1, video);
    }

    private static boolean receivesVideoOf(Peer subscriber, String publisherId) {
        for (DownstreamSection d : subscriber.sections) {
            if (d.announced && publisherId.equals(d.publisherId) && d.source != null && d.source.isVideo()) {
                return true;
            }
        }
        return false;
    }

    private void send(Peer publisher, long bps) {
        List<Long> ssrcs = new ArrayList<>();
        publisher.published.values().forEach(t -> ssrcs.add(t.ssrc));
        output.sendRtcp(publisher, new Remb(publisher.rtcpSsrc, bps, ssrcs));
    }
}
