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
 * section per forwarded track ({@code sendonly}) or idle mid ({@code inactive}). Payload types are fixed so every
 * publisher's packets suit every subscriber unchanged: Opus 111; VP8 96, VP9 98, H.264 102 (all with NACK, PLI and
 * FIR, no RTX), the room's video codec first.
 */
final class OfferWriter {

    static final int OPUS_PT = 111;
    static final int VP8_PT = 96;
    static final int VP9_PT = 98;
    static final int H264_PT = 102;
    static final int MID_EXTENSION_ID = 1;
    /** The transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2), on the slots. */
    static final int TRANSPORT_CC_EXTENSION_ID = 3;

    static final List<Codec> AUDIO = List.of(
            Codec.of(OPUS_PT, Codec.OPUS, 48000, 2, "minptime=10;useinbandfec=1", List.of(), Codec.NO_RTX));
    private static final List<String> VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir");
    static final Codec VP8 = Codec.of(VP8_PT, Codec.VP8, 90000, 0, "", VIDEO_FEEDBACK, Codec.NO_RTX);
    static final Codec VP9 = Codec.of(VP9_PT, Codec.VP9, 90000, 0, "profile-id=0", VIDEO_FEEDBACK, Codec.NO_RTX);
    static final Codec H264 = Codec.of(H264_PT, Codec.H264, 90000, 0,
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", VIDEO_FEEDBACK, Codec.NO_RTX);
    /** Every video section offers all three with fixed payload types, the room's codec first (senders use it). */
    static final List<Codec> VIDEO = List.of(VP8, VP9, H264);
    /**
     * The slots ask for {@code sdes:mid} (demux before the SSRC is known) and the transport-wide sequence number,
     * with {@code transport-cc} feedback on every slot codec: the SFU answers with feedback every 100 ms, so the
     * browser's own estimator adapts what it sends to its uplink. Forwarded sections carry no extension.
     */
    static final List<Extmap> SLOT_EXTENSIONS = List.of(Extmap.of(MID_EXTENSION_ID, CodecPolicy.EXT_MID),
            Extmap.of(TRANSPORT_CC_EXTENSION_ID, CodecPolicy.EXT_TRANSPORT_CC));

    private OfferWriter() {
    }

    static SfuOffer write(Peer peer, LocalTransport transport, int version) {
        return write(peer, transport, version, Codec.VP8);
    }

    /** @param videoCodec the room's video codec, offered first so every publisher sends it */
    static SfuOffer write(Peer peer, LocalTransport transport, int version, String videoCodec) {
        List<Codec> video = new ArrayList<>(VIDEO);
        video.sort(java.util.Comparator.comparing(c -> !c.isNamed(videoCodec)));
        SubscriberOfferBuilder b = SubscriberOfferBuilder.offer(Origin.of(peer.sessionId, version)).transport(transport);
        Map<Source, String> slots = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            b.section(SubscriberSection.receiving(s.slotMid(), s.kind(), withSlotFeedback(codecs(s.kind(), video)),
                    SLOT_EXTENSIONS));
            slots.put(s, s.slotMid());
        }
        List<SfuOffer.OfferedTrack> tracks = new ArrayList<>();
        for (DownstreamSection d : peer.sections) {
            if (d.idle()) {
                b.section(SubscriberSection.idle(d.mid, d.kind, codecs(d.kind, video), List.of()));
            } else {
                ForwardedTrack track = new ForwardedTrack(streamId(d.publisherId, d.source), d.trackId, d.outSsrc,
                        ForwardedTrack.NO_RTX, d.publisherId);
                b.section(SubscriberSection.sending(d.mid, d.kind, track, codecs(d.kind, video), List.of()));
                tracks.add(new SfuOffer.OfferedTrack(d.mid, d.publisherId, d.source));
            }
        }
        return new SfuOffer(version, b.build().encode(), slots, tracks);
    }

    /** The {@code a=msid} stream: the publisher's id for its camera and microphone, a second stream for its screen. */
    static String streamId(String publisherId, Source source) {
        return source == Source.SCREEN ? publisherId + "-screen" : publisherId;
    }

    /**
     * The codecs with {@code transport-cc} and {@code goog-remb} added to their feedback, for the sections the SFU
     * receives in: the SFU sends transport-cc feedback, and REMB to cap a publisher to its slowest subscriber.
     */
    static List<Codec> withSlotFeedback(List<Codec> codecs) {
        List<Codec> out = new ArrayList<>(codecs.size());
        for (Codec c : codecs) {
            List<String> feedback = new ArrayList<>(c.rtcpFeedback());
            feedback.add("transport-cc");
            feedback.add("goog-remb");
            out.add(new Codec(c.payloadType(), c.name(), c.clockRate(), c.channels(), c.parameters(), feedback,
                    c.rtxPayloadType()));
        }
        return out;
    }

    private static List<Codec> codecs(String kind, List<Codec> video) {
        return kind.equals("audio") ? AUDIO : video;
    }
}
