package dev.parley.sdp;

import java.util.List;
import java.util.Set;

/**
 * What the SFU can forward: its audio and video codecs in order of preference (their payload types are the ones it
 * uses when it offers first), the RTCP feedback kinds it acts on, and the RTP header extensions it understands.
 * Immutable; {@link #DEFAULT} is what Parley ships.
 *
 * <p>Opus and VP8 are mandatory to implement in WebRTC (RFC 7874 §3, RFC 7742 §5), so every policy must hold them:
 * with them any two browsers can meet through the SFU.
 */
public record CodecPolicy(List<Codec> audio, List<Codec> video, Set<String> rtcpFeedback,
        Set<String> headerExtensions) {

    public static final String EXT_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String EXT_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String EXT_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String EXT_TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String EXT_RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String EXT_REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public static final String EXT_VIDEO_ORIENTATION = "urn:3gpp:video-orientation";
    public static final String EXT_TOFFSET = "urn:ietf:params:rtp-hdrext:toffset";

    /** NACK (RFC 4585 §6.2.1), PLI (§6.3.1), FIR (RFC 5104 §4.3.1), REMB and transport-wide congestion control. */
    public static final Set<String> FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc");

    private static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "transport-cc", "ccm fir", "nack",
            "nack pli");

    /**
     * Opus; VP8, VP9 profile 0, H.264 Constrained Baseline and Baseline in packetization-mode 1. The payload types
     * are Chrome's, so a subscriber offer reads like what a browser would write.
     */
    public static final CodecPolicy DEFAULT = new CodecPolicy(
            List.of(Codec.of(111, Codec.OPUS, 48000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc"),
                    Codec.NO_RTX)),
            List.of(Codec.of(96, Codec.VP8, 90000, 0, "", VIDEO_FEEDBACK, 97),
                    Codec.of(98, Codec.VP9, 90000, 0, "profile-id=0", VIDEO_FEEDBACK, 99),
                    Codec.of(106, Codec.H264, 90000, 0,
                            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", VIDEO_FEEDBACK,
                            107),
                    Codec.of(102, Codec.H264, 90000, 0,
                            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f", VIDEO_FEEDBACK,
                            103)),
            FEEDBACK,
            Set.of(EXT_MID, EXT_AUDIO_LEVEL, EXT_ABS_SEND_TIME, EXT_TRANSPORT_CC, EXT_RID, EXT_REPAIRED_RID,
                    EXT_VIDEO_ORIENTATION, EXT_TOFFSET));

    public CodecPolicy {
        audio = List.copyOf(audio);
        video = List.copyOf(video);
        rtcpFeedback = Set.copyOf(rtcpFeedback);
        headerExtensions = Set.copyOf(headerExtensions);
        if (audio.stream().noneMatch(c -> c.isNamed(Codec.OPUS))) {
            throw new IllegalArgumentException("a codec policy must include Opus (RFC 7874 §3)");
        }
        if (video.stream().noneMatch(c -> c.isNamed(Codec.VP8))) {
            throw new IllegalArgumentException("a codec policy must include VP8 (RFC 7742 §5)");
        }
    }

    /** The local codecs for a media kind; empty for kinds other than audio and video. */
    public List<Codec> codecsFor(String kind) {
        return switch (kind) {
            case MediaDescription.AUDIO -> audio;
            case MediaDescription.VIDEO -> video;
            default -> List.of();
        };
    }
}
