package dev.parley.sfu;

import dev.parley.sdp.Codec;
import dev.parley.sdp.CodecPolicy;
import dev.parley.sdp.Extmap;
import dev.parley.sdp.ForwardedTrack;
import dev.parley.sdp.LocalTransport;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SubscriberOfferBuilder;
import dev.parley.sdp.SubscriberSection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a peer's offer (docs/media.md, "Topology and negotiation"): the three {@code recvonly} slots, then one
 * section per forwarded track ({@code sendonly}) or idle mid ({@code inactive}). Codecs are fixed so every
 * publisher's packets suit every subscriber: Opus 111, VP8 96 with NACK, PLI and FIR, no RTX.
 */
final class OfferWriter {

    static final int OPUS_PT = 111;
    static final int VP8_PT = 96;
    static final int MID_EXTENSION_ID = 1;

    static final List<Codec> AUDIO = List.of(
            Codec.of(OPUS_PT, Codec.OPUS, 48000, 2, "minptime=10;useinbandfec=1", List.of(), Codec.NO_RTX));
    static final List<Codec> VIDEO = List.of(
            Codec.of(VP8_PT, Codec.VP8, 90000, 0, "", List.of("nack", "nack pli", "ccm fir"), Codec.NO_RTX));
    static final List<Extmap> SLOT_EXTENSIONS = List.of(Extmap.of(MID_EXTENSION_ID, CodecPolicy.EXT_MID));

    private OfferWriter() {
    }

    static SfuOffer write(Peer peer, LocalTransport transport, int version) {
        SubscriberOfferBuilder b = SubscriberOfferBuilder.offer(Origin.of(peer.sessionId, version)).transport(transport);
        Map<Source, String> slots = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            b.section(SubscriberSection.receiving(s.slotMid(), s.kind(), codecs(s.kind()), SLOT_EXTENSIONS));
            slots.put(s, s.slotMid());
        }
        List<SfuOffer.OfferedTrack> tracks = new ArrayList<>();
        for (DownstreamSection d : peer.sections) {
            if (d.idle()) {
                b.section(SubscriberSection.idle(d.mid, d.kind, codecs(d.kind), List.of()));
            } else {
                ForwardedTrack track = new ForwardedTrack(streamId(d.publisherId, d.source), d.trackId, d.outSsrc,
                        ForwardedTrack.NO_RTX, d.publisherId);
                b.section(SubscriberSection.sending(d.mid, d.kind, track, codecs(d.kind), List.of()));
                tracks.add(new SfuOffer.OfferedTrack(d.mid, d.publisherId, d.source));
            }
        }
        return new SfuOffer(version, b.build().encode(), slots, tracks);
    }

    /** The {@code a=msid} stream: the publisher's id for its camera and microphone, a second stream for its screen. */
    static String streamId(String publisherId, Source source) {
        return source == Source.SCREEN ? publisherId + "-screen" : publisherId;
    }

    private static List<Codec> codecs(String kind) {
        return kind.equals("audio") ? AUDIO : VIDEO;
    }
}
