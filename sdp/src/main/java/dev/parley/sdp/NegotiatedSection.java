package dev.parley.sdp;

import java.util.List;

/**
 * What an answer settled for one offered section, for the media pipeline to configure itself from.
 *
 * @param direction  the answer's direction, from the SFU's side; {@link Direction#INACTIVE} when rejected
 * @param codecs     kept codecs in the offerer's payload types; empty when rejected or for data channels
 * @param extensions kept header extensions with their negotiated ids
 * @param rejection  why the section was rejected, or null when accepted
 */
public record NegotiatedSection(String mid, String kind, Direction direction, List<Codec> codecs,
        List<Extmap> extensions, String rejection) {

    public NegotiatedSection {
        codecs = List.copyOf(codecs);
        extensions = List.copyOf(extensions);
    }

    public static NegotiatedSection rejected(String mid, String kind, String why) {
        return new NegotiatedSection(mid, kind, Direction.INACTIVE, List.of(), List.of(), why);
    }

    public boolean accepted() {
        return rejection == null;
    }
}
