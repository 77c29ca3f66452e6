package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.ArrayList;
import java.util.List;

/** {@code a=group:<semantics> <mid>...} (RFC 5888 §5); {@code BUNDLE} is RFC 8843's. */
public record Group(String semantics, List<String> mids) {

    public static final String BUNDLE = "BUNDLE";

    public Group {
        mids = List.copyOf(mids);
    }

    public boolean isBundle() {
        return BUNDLE.equalsIgnoreCase(semantics);
    }

    public static Group parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 1, true, "a=group");
        List<String> mids = new ArrayList<>();
        for (String mid : f.subList(1, f.size())) {
            mids.add(Fields.token(mid, "group mid"));
        }
        return new Group(Fields.token(f.get(0), "group semantics"), mids);
    }

    public String encode() {
        return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
    }
}
