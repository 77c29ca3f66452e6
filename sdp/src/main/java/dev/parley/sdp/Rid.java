package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code a=rid:<id> <send|recv> [pt=<pt>,<pt>;<restriction>=<value>;...]} (RFC 8851 §10). Parsed so simulcast
 * offers are understood; the SFU does not act on restrictions yet.
 */
public record Rid(String id, boolean send, List<Integer> payloadTypes, Map<String, String> restrictions) {

    public Rid {
        payloadTypes = List.copyOf(payloadTypes);
        restrictions = Collections.unmodifiableMap(new LinkedHashMap<>(restrictions));
    }

    public static Rid parse(String value) throws SdpParseException {
        List<String> f = Fields.fields(value, 2, true, "a=rid");
        if (f.size() > 3) {
            throw SdpParseException.badValue("a=rid has spaces inside its restrictions");
        }
        String id = Fields.token(f.get(0), "rid id");
        boolean send = switch (f.get(1).toLowerCase(Locale.ROOT)) {
            case "send" -> true;
            case "recv" -> false;
            default -> throw SdpParseException.badValue("a=rid direction is neither send nor recv");
        };
        List<Integer> pts = new ArrayList<>();
        Map<String, String> restrictions = new LinkedHashMap<>();
        if (f.size() == 3) {
            for (Map.Entry<String, String> e : Fmtp.parseParameters(f.get(2)).entrySet()) {
                if (e.getKey().equals("pt")) {
                    for (String pt : e.getValue().split(",", -1)) {
                        pts.add(Fields.payloadType(pt.strip()));
                    }
                } else {
                    restrictions.put(e.getKey(), e.getValue());
                }
            }
        }
        return new Rid(id, send, pts, restrictions);
    }

    public String encode() {
        StringBuilder sb = new StringBuilder(id).append(send ? " send" : " recv");
        List<String> items = new ArrayList<>();
        if (!payloadTypes.isEmpty()) {
            items.add("pt=" + payloadTypes.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        restrictions.forEach((k, v) -> items.add(v.isEmpty() ? k : k + "=" + v));
        if (!items.isEmpty()) {
            sb.append(' ').append(String.join(";", items));
        }
        return sb.toString();
    }
}
