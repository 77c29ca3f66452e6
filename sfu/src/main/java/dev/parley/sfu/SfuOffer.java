package dev.parley.sfu;

import java.util.List;
import java.util.Map;

/**
 * An offer for one participant's SFU connection (docs/protocol.md, {@code sfu-offer}).
 *
 * @param slots  source → the mid the participant sends it in
 * @param tracks the sections carrying other participants' media
 */
public record SfuOffer(int version, String sdp, Map<Source, String> slots, List<OfferedTrack> tracks) {

    public SfuOffer {
        slots = Map.copyOf(slots);
        tracks = List.copyOf(tracks);
    }

    /** Section {@code mid} carries {@code participant}'s {@code source}. */
    public record OfferedTrack(String mid, String participant, Source source) {
    }
}
