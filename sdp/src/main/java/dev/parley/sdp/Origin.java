package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.List;

/**
 * The {@code o=} line (RFC 8866 §5.2): {@code <username> <sess-id> <sess-version> <nettype> <addrtype> <address>}.
 * The session id and version are kept as decimal text: RFC 8866 allows any number of digits and browsers use up to 19.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addressType,
        String address) {

    /** What an SFU writes: no user name, IPv4 loopback as a placeholder (RFC 8829 §5.2.1 does the same). */
    public static Origin of(long sessionId, long sessionVersion) {
        return new Origin("-", Long.toUnsignedString(sessionId), Long.toUnsignedString(sessionVersion), "IN", "IP4",
                "127.0.0.1");
    }

    public static Origin parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 6, false, "o=");
        Fields.number(f.get(1), 0, Long.MAX_VALUE, "session id");
        Fields.number(f.get(2), 0, Long.MAX_VALUE, "session version");
        return new Origin(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5));
    }

    public String encode() {
        return String.join(" ", username, sessionId, sessionVersion, netType, addressType, address);
    }
}
