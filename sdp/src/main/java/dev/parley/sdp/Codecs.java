package dev.parley.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@link Codec}s of a media section and writes codecs back as SDP lines. Stateless. */
public final class Codecs {

    /**
     * RFC 3551 §6 static payload types a section may list without an rtpmap (RFC 8866 §6.6 makes the rtpmap
     * optional for them). Browsers write rtpmaps anyway; this keeps an older peer's {@code m=audio ... 0 8} readable.
     */
    private static final Map<Integer, RtpMap> STATIC = Map.of(
            0, new RtpMap(0, "PCMU", 8000, 1),
            8, new RtpMap(8, "PCMA", 8000, 1),
            9, new RtpMap(9, "G722", 8000, 1),
            13, new RtpMap(13, "CN", 8000, 1));

    private Codecs() {}

    /**
     * The section's codecs in {@code m=} line order (the offerer's preference, RFC 3264 §5.1). An RTX format is
     * attached to the codec its {@code apt} names; an RTX format whose {@code apt} names nothing is dropped, as is a
     * dynamic payload type without an rtpmap.
     */
    public static List<Codec> of(MediaDescription m) {
        if (!m.isRtp()) {
            return List.of();
        }
        Map<Integer, Codec> byPt = new LinkedHashMap<>();
        List<RtpMap> rtx = new ArrayList<>();
        for (String format : m.formats()) {
            int pt = Integer.parseInt(format);
            Optional<RtpMap> map = m.rtpMap(pt).or(() -> Optional.ofNullable(STATIC.get(pt)));
            if (map.isEmpty() || byPt.containsKey(pt)) {
                continue;
            }
            if (map.get().encoding().equalsIgnoreCase(Codec.RTX)) {
                rtx.add(map.get());
                continue;
            }
            RtpMap r = map.get();
            String fmtp = m.fmtp(pt).map(Fmtp::parameterText).orElse("");
            List<String> feedback = m.rtcpFbs(pt).stream().map(RtcpFb::kind).distinct().toList();
            byPt.put(pt, Codec.of(pt, r.encoding(), r.clockRate(), r.channels(), fmtp, feedback, Codec.NO_RTX));
        }
        for (RtpMap r : rtx) {
            Optional<Integer> apt = m.fmtp(r.payloadType()).map(f -> f.parameters().get("apt"))
                    .flatMap(Codecs::payloadType);
            apt.map(byPt::get).filter(c -> !c.hasRtx() && c.clockRate() == r.clockRate())
                    .ifPresent(c -> byPt.put(c.payloadType(), c.withRtx(r.payloadType())));
        }
        return List.copyOf(byPt.values());
    }

    /**
     * Adds each codec to a section being built: its payload type (then its RTX payload type) to the {@code m=} line,
     * and its {@code rtpmap}, {@code rtcp-fb} and {@code fmtp} lines, then RTX's {@code rtpmap} and
     * {@code fmtp:<rtx> apt=<pt>} (RFC 4588 §8.1).
     */
    public static void write(MediaDescription.Builder b, List<Codec> codecs) {
        for (Codec c : codecs) {
            b.format(Integer.toString(c.payloadType()));
            b.rtpMap(new RtpMap(c.payloadType(), c.name(), c.clockRate(), c.channels()));
            for (String kind : c.rtcpFeedback()) {
                int space = kind.indexOf(' ');
                b.rtcpFb(new RtcpFb(c.payloadType(), space < 0 ? kind : kind.substring(0, space),
                        space < 0 ? null : kind.substring(space + 1)));
            }
            if (!c.parameters().isEmpty()) {
                b.fmtp(Fmtp.of(c.payloadType(), c.parameters()));
            }
            if (c.hasRtx()) {
                b.format(Integer.toString(c.rtxPayloadType()));
                b.rtpMap(new RtpMap(c.rtxPayloadType(), Codec.RTX, c.clockRate(), 0));
                b.fmtp(new Fmtp(c.rtxPayloadType(), "apt=" + c.payloadType()));
            }
        }
    }

    private static Optional<Integer> payloadType(String text) {
        if (text == null || text.isEmpty() || text.length() > 3
                || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Optional.empty();
        }
        int pt = Integer.parseInt(text);
        return pt <= 127 ? Optional.of(pt) : Optional.empty();
    }
}
