package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.List;

/** The {@code c=} line (RFC 8866 §5.7): {@code IN IP4 0.0.0.0}. */
public record Connection(String netType, String addressType, String address) {

    /** The placeholder browsers write when candidates carry the real addresses (RFC 8829 §5.2.1). */
    public static final Connection UNSPECIFIED = new Connection("IN", "IP4", "0.0.0.0");

    /** {@code IN IP4 a.b.c.d} or {@code IN IP6 ...}, the type read from the address's shape. */
    public static Connection of(String address) {
        return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    public static Connection parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 3, false, "c=");
        return new Connection(f.get(0), f.get(1), f.get(2));
    }

    public String encode() {
        return netType + " " + addressType + " " + address;
    }
}
