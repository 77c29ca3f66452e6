package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.List;

/**
 * {@code a=msid:<stream-id> [<track-id>]} (RFC 8830 §2). Chrome writes {@code -} as the stream id of a track that
 * belongs to no stream; the track id ({@code appdata}) is optional.
 */
public record Msid(String streamId, String trackId) {

    public static Msid parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 1, true, "a=msid");
        if (f.size() > 2) {
            throw SdpParseException.badValue("a=msid has more than two fields");
        }
        return new Msid(Fields.token(f.get(0), "msid stream id"),
                f.size() == 2 ? Fields.token(f.get(1), "msid track id") : null);
    }

    public String encode() {
        return trackId == null ? streamId : streamId + " " + trackId;
    }
}
