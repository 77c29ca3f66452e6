package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code a=ssrc-group:<semantics> <ssrc>...} (RFC 5576 §4.2). {@code FID} pairs a media SSRC with its RTX SSRC
 * (RFC 4588 §8.1); {@code SIM} lists simulcast layers, lowest first (Chrome's legacy simulcast).
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public static final String FID = "FID";
    public static final String SIM = "SIM";

    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    public static SsrcGroup parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 2, true, "a=ssrc-group");
        List<Long> ssrcs = new ArrayList<>();
        for (String s : f.subList(1, f.size())) {
            ssrcs.add(Fields.ssrc(s));
        }
        return new SsrcGroup(Fields.token(f.get(0), "ssrc-group semantics"), ssrcs);
    }

    public String encode() {
        return semantics + " " + ssrcs.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
