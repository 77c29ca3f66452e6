package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;

/**
 * {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576 §4.1), such as {@code cname:abc} or
 * {@code msid:stream track}. {@code value} is null for a bare attribute name.
 */
public record SsrcAttribute(long ssrc, String name, String value) {

    public static final String CNAME = "cname";
    public static final String MSID = "msid";

    public static SsrcAttribute parse(String value) throws SdpParseException {
        String[] parts = Fields.head(value);
        if (parts.length < 2) {
            throw SdpParseException.badValue("a=ssrc has no attribute");
        }
        long ssrc = Fields.ssrc(parts[0]);
        int colon = parts[1].indexOf(':');
        if (colon == 0) {
            throw SdpParseException.badValue("a=ssrc attribute has no name");
        }
        return colon < 0 ? new SsrcAttribute(ssrc, parts[1], null)
                : new SsrcAttribute(ssrc, parts[1].substring(0, colon), parts[1].substring(colon + 1));
    }

    public String encode() {
        return Long.toString(ssrc) + " " + (value == null ? name : name + ":" + value);
    }
}
