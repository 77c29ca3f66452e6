package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;

/**
 * {@code a=rtcp-fb:<pt|*> <type> [<parameter>]} (RFC 4585 §4.2): {@code nack}, {@code nack pli}, {@code ccm fir}
 * (RFC 5104 §7.1), {@code goog-remb}, {@code transport-cc}. {@code payloadType} is {@link #ANY} for {@code *};
 * {@code parameter} is null when absent.
 */
public record RtcpFb(int payloadType, String type, String parameter) {

    /** The {@code *} wildcard: every payload type of the section. */
    public static final int ANY = -1;

    public static RtcpFb parse(String value) throws SdpParseException {
        String[] parts = Fields.head(value);
        if (parts.length < 2) {
            throw SdpParseException.badValue("a=rtcp-fb has no type");
        }
        int pt = parts[0].equals("*") ? ANY : Fields.payloadType(parts[0]);
        String[] fb = Fields.head(parts[1]);
        return new RtcpFb(pt, Fields.token(fb[0], "rtcp-fb type"), fb.length > 1 ? fb[1] : null);
    }

    /** {@code type} or {@code type parameter}: what a policy lists, such as {@code "nack pli"}. */
    public String kind() {
        return parameter == null ? type : type + " " + parameter;
    }

    public RtcpFb withPayloadType(int pt) {
        return new RtcpFb(pt, type, parameter);
    }

    public String encode() {
        return (payloadType == ANY ? "*" : Integer.toString(payloadType)) + " " + kind();
    }
}
