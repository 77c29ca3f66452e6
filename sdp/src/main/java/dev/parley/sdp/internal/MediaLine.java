package dev.parley.sdp.internal;

import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SdpParseException;
import java.util.List;

/** The {@code m=<media> <port> <proto> <fmt> ...} line (RFC 8866 §5.14). */
final class MediaLine {

    private MediaLine() {}

    static MediaDescription.Builder parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 4, true, "m=");
        String kind = Fields.token(f.get(0), "media type");
        // "<port>/<number of ports>" (RFC 8866 §5.14) is for layered multicast; no WebRTC endpoint writes it.
        int port = Fields.integer(f.get(1), 0, 65535, "m= port");
        String proto = Fields.token(f.get(2), "m= proto");
        MediaDescription.Builder b = MediaDescription.builder(kind, port, proto);
        boolean rtp = proto.contains("RTP/");
        for (String format : f.subList(3, f.size())) {
            if (rtp) {
                Fields.payloadType(format);
            }
            b.format(Fields.token(format, "m= format"));
        }
        return b;
    }
}
