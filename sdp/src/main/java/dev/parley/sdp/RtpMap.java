package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;

/**
 * {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]} (RFC 8866 §6.6). {@code channels} is 0 when absent
 * (for audio RFC 8866 reads that as one channel).
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    public static RtpMap parse(String value) throws SdpParseException {
        String[] parts = Fields.head(value);
        if (parts.length < 2) {
            throw SdpParseException.badValue("a=rtpmap has no encoding");
        }
        int pt = Fields.payloadType(parts[0]);
        String[] enc = parts[1].split("/", -1);
        if (enc.length < 2 || enc.length > 3) {
            throw SdpParseException.badValue("a=rtpmap encoding is not name/rate[/channels]");
        }
        int clock = Fields.integer(enc[1], 1, Integer.MAX_VALUE, "clock rate");
        int channels = enc.length == 3 ? Fields.integer(enc[2], 1, 255, "channels") : 0;
        return new RtpMap(pt, Fields.token(enc[0], "encoding name"), clock, channels);
    }

    public String encode() {
        return payloadType + " " + encoding + "/" + clockRate + (channels > 0 ? "/" + channels : "");
    }
}
