package dev.parley.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One media section of an offer the SFU writes to a subscriber. A section is created for a forwarded track and, since
 * sections can never be removed (RFC 8829 §5.2.2), lives on: {@link #idle} when its track is gone and the slot may be
 * reused, {@link #stopped} when it is closed for good (port 0).
 *
 * @param track      the track sent in this section, null when idle or stopped
 * @param codecs     formats in the subscriber's payload types (see {@link PayloadTypes#assign})
 * @param extensions header extensions the SFU writes on this track's packets, with the ids it uses
 */
public record SubscriberSection(String mid, String kind, ForwardedTrack track, List<Codec> codecs,
        List<Extmap> extensions, boolean stopped) {

    public SubscriberSection {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        codecs = List.copyOf(codecs);
        extensions = List.copyOf(extensions);
        if (!stopped && codecs.isEmpty()) {
            throw new IllegalArgumentException("a live section needs at least one codec");
        }
    }

    public static SubscriberSection sending(String mid, String kind, ForwardedTrack track, List<Codec> codecs,
            List<Extmap> extensions) {
        return new SubscriberSection(mid, kind, Objects.requireNonNull(track), codecs, extensions, false);
    }

    public static SubscriberSection idle(String mid, String kind, List<Codec> codecs, List<Extmap> extensions) {
        return new SubscriberSection(mid, kind, null, codecs, extensions, false);
    }

    public static SubscriberSection stopped(String mid, String kind) {
        return new SubscriberSection(mid, kind, null, List.of(), List.of(), true);
    }

    /** {@code sendonly} with a track, {@code inactive} without (RFC 3264 §5.1). */
    public Direction direction() {
        return track == null ? Direction.INACTIVE : Direction.SENDONLY;
    }
}
