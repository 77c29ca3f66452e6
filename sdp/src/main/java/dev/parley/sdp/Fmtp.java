package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code a=fmtp:<pt> <parameters>} (RFC 8866 §6.15). The parameter text is kept as written; {@link #parameters()}
 * reads the usual {@code key=value;key=value} form, with keys in lower case (media type parameter names are
 * case-insensitive, RFC 6838 §4.3) and a bare item such as telephone-event's {@code 0-15} as a key with an empty value.
 */
public record Fmtp(int payloadType, String parameterText) {

    public static Fmtp parse(String value) throws SdpParseException {
        String[] parts = Fields.head(value);
        if (parts.length < 2) {
            throw SdpParseException.badValue("a=fmtp has no parameters");
        }
        return new Fmtp(Fields.payloadType(parts[0]), parts[1]);
    }

    public static Fmtp of(int payloadType, Map<String, String> parameters) {
        return new Fmtp(payloadType, format(parameters));
    }

    public Map<String, String> parameters() {
        return parseParameters(parameterText);
    }

    /** Reads {@code key=value;key=value}; later duplicates win. */
    public static Map<String, String> parseParameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : text.split(";")) {
            String t = item.strip();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                out.put(t.toLowerCase(Locale.ROOT), "");
            } else {
                out.put(t.substring(0, eq).strip().toLowerCase(Locale.ROOT), t.substring(eq + 1).strip());
            }
        }
        return out;
    }

    public static String format(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    public String encode() {
        return payloadType + " " + parameterText;
    }
}
