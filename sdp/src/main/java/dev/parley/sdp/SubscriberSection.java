package dev.parley.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One media section of an offer the SFU writes to a peer. A section is created for a forwarded track and, since
 * sections can never be removed (RFC 8829 §5.2.2), lives on: {@link #idle} when its track is gone and the slot may be
 * reused, {@link #stopped} when it is closed for good (port 0). A {@link #receiving} section is one the peer sends in
 * (the SFU offers {@code recvonly}; the peer answers {@code sendonly}).
 *
 * @param track      the track sent in this section, null when idle, stopped or receiving
 * @param codecs     formats in the subscriber's payload types (see {@link PayloadTypes#assign})
 * @param extensions header extensions the SFU writes (or, receiving, reads) on this section's packets
 */
public record SubscriberSection(String mid, String kind, ForwardedTrack track, List<Codec> codecs,
        List<Extmap> extensions, Direction direction, boolean stopped) {

    public SubscriberSection {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        extensions = List.copyOf(extensions);
        if (!stopped && codecs.isEmpty()) {
            throw new IllegalArgumentException("a live section needs at least one codec");
        }
    }

    /** {@code sendonly} with a track (RFC 3264 §5.1). */
    public static SubscriberSection sending(String mid, String kind, ForwardedTrack track, List<Codec> codecs,
            List<Extmap> extensions) {
        return new SubscriberSection(mid, kind, Objects.requireNonNull(track), codecs, extensions, Direction.SENDONLY,
                false);
    }

    /** {@code inactive}: no track now; the mid may carry a later track of the same kind. */
    public static SubscriberSection idle(String mid, String kind, List<Codec> codecs, List<Extmap> extensions) {
        return new SubscriberSection(mid, kind, null, codecs, extensions, Direction.INACTIVE, false);
    }

    /** {@code recvonly}: the peer sends here. */
    public static SubscriberSection receiving(String mid, String kind, List<Codec> codecs, List<Extmap> extensions) {
        return new SubscriberSection(mid, kind, null, codecs, extensions, Direction.RECVONLY, false);
    }

    public static SubscriberSection stopped(String mid, String kind) {
        return new SubscriberSection(mid, kind, null, List.of(), List.of(), Direction.INACTIVE, true);
    }
}
