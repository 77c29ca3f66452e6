package dev.parley.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One RTP payload format of a media section, assembled from its {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines (RFC 8866 §6.6, §6.15; RFC 4585 §4.2). Its retransmission format (RFC 4588 §8.1,
 * {@code rtx} with {@code apt=<payloadType>}) is folded in as {@link #rtxPayloadType()}; RTX never appears as a
 * codec of its own.
 *
 * @param channels       0 when the rtpmap names none
 * @param parameters     fmtp parameters, keys lower case, in written order
 * @param rtcpFeedback   feedback kinds such as {@code nack}, {@code nack pli}, {@code transport-cc}
 * @param rtxPayloadType the associated RTX payload type, or {@link #NO_RTX}
 */
public record Codec(int payloadType, String name, int clockRate, int channels, Map<String, String> parameters,
        List<String> rtcpFeedback, int rtxPayloadType) {

    public static final int NO_RTX = -1;

    public static final String OPUS = "opus";
    public static final String VP8 = "VP8";
    public static final String VP9 = "VP9";
    public static final String H264 = "H264";
    public static final String RTX = "rtx";

    public Codec {
        Objects.requireNonNull(name, "name");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public static Codec of(int payloadType, String name, int clockRate, int channels, String fmtp,
            List<String> rtcpFeedback, int rtxPayloadType) {
        return new Codec(payloadType, name, clockRate, channels, Fmtp.parseParameters(fmtp), rtcpFeedback,
                rtxPayloadType);
    }

    public boolean hasRtx() {
        return rtxPayloadType != NO_RTX;
    }

    public boolean isNamed(String codecName) {
        return name.equalsIgnoreCase(codecName);
    }

    public Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters.get(key.toLowerCase(Locale.ROOT)));
    }

    public Codec withPayloadType(int pt) {
        return new Codec(pt, name, clockRate, channels, parameters, rtcpFeedback, rtxPayloadType);
    }

    public Codec withRtx(int rtxPt) {
        return new Codec(payloadType, name, clockRate, channels, parameters, rtcpFeedback, rtxPt);
    }

    public Codec withRtcpFeedback(List<String> kinds) {
        return new Codec(payloadType, name, clockRate, channels, parameters, kinds, rtxPayloadType);
    }

    /**
     * Whether media of this format can be sent to a peer that announced {@code other}: same encoding name (case
     * blind, RFC 4855 §3), clock rate and channel count, plus the parameters that change the bitstream:
     * H.264 packetization-mode and profile (RFC 6184 §8.2.2; the level may differ, see {@link H264Profile}) and
     * VP9 profile-id (default 0, RFC 9628 media type parameters). Payload types, RTX and feedback do not matter.
     */
    public boolean isCompatibleWith(Codec other) {
        if (!isNamed(other.name) || clockRate != other.clockRate || channelCount() != other.channelCount()) {
            return false;
        }
        if (isNamed(H264)) {
            return packetizationMode().equals(other.packetizationMode())
                    && H264Profile.sameProfile(profileLevelId(), other.profileLevelId());
        }
        if (isNamed(VP9)) {
            return parameter("profile-id").orElse("0").equals(other.parameter("profile-id").orElse("0"));
        }
        return true;
    }

    /** RFC 8866 §6.6: an absent channel count means one channel. */
    private int channelCount() {
        return channels == 0 ? 1 : channels;
    }

    /** RFC 6184 §8.1: absent means 0, single NAL unit mode. */
    private String packetizationMode() {
        return parameter("packetization-mode").orElse("0");
    }

    /** RFC 6184 §8.1: absent means 420010, Baseline level 1.0. */
    private String profileLevelId() {
        return parameter("profile-level-id").orElse("420010");
    }
}
