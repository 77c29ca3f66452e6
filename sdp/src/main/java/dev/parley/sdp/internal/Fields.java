package dev.parley.sdp.internal;

import dev.parley.sdp.SdpParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Field helpers shared by the attribute parsers. Numbers accept ASCII digits only ({@link Character#isDigit} would
 * let other scripts' digits through), and every range is checked here, once.
 */
public final class Fields {

    private Fields() {}

    /** Splits on runs of spaces and tabs; leading and trailing blanks give no empty fields. */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && isBlank(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(value.substring(start, i));
            }
        }
        return out;
    }

    /** Splits into at most two parts at the first blank run: {@code ["a", "rest of it"]} or {@code ["a"]}. */
    public static String[] head(String value) {
        String v = value.strip();
        int i = 0;
        while (i < v.length() && !isBlank(v.charAt(i))) {
            i++;
        }
        if (i == v.length()) {
            return new String[] {v};
        }
        return new String[] {v.substring(0, i), v.substring(i).strip()};
    }

    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** A decimal number in {@code [min, max]}, ASCII digits only, at most 19 of them. */
    public static long number(String field, long min, long max, String what) throws SdpParseException {
        if (field.isEmpty() || field.length() > 19) {
            throw SdpParseException.badValue(what + " is not a number: '" + abbreviate(field) + "'");
        }
        long v = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                throw SdpParseException.badValue(what + " is not a number: '" + abbreviate(field) + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) {
            throw SdpParseException.badValue(what + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    public static int integer(String field, int min, int max, String what) throws SdpParseException {
        return (int) number(field, min, max, what);
    }

    /** An RTP payload type, 0..127 (RFC 3550 §5.1: seven bits). */
    public static int payloadType(String field) throws SdpParseException {
        return integer(field, 0, 127, "payload type");
    }

    /** An SSRC, an unsigned 32-bit number (RFC 5576 §4.1). */
    public static long ssrc(String field) throws SdpParseException {
        return number(field, 0, 0xFFFF_FFFFL, "ssrc");
    }

    /**
     * A token as RFC 8866 §9 defines it: visible ASCII except a few separators. Used for mids, rids, ufrags and the
     * like, so nothing a later line writer emits can break a line.
     */
    public static String token(String field, String what) throws SdpParseException {
        if (field.isEmpty()) {
            throw SdpParseException.badValue(what + " is empty");
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw SdpParseException.badValue(what + " has a character outside visible ASCII");
            }
        }
        return field;
    }

    /** Requires exactly {@code count} fields or at least {@code count} when {@code orMore}. */
    public static List<String> fields(String value, int count, boolean orMore, String what) throws SdpParseException {
        List<String> f = split(value);
        if (f.size() < count || (!orMore && f.size() > count)) {
            throw SdpParseException.badValue(what + " needs " + (orMore ? "at least " : "") + count + " fields, has "
                    + f.size());
        }
        return f;
    }

    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
