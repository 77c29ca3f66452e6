package dev.parley.rooms;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules for participant display names: NFKC-normalised, invisible format characters (zero-width, bidi controls, the
 * BOM) removed, trimmed, 1–40 characters, no control characters, unique in a room ignoring case. So two names that
 * look the same on screen are the same name: "Ada" and "Ada" + U+200B, or "Ａｄａ" (full width) and "Ada".
 */
public final class DisplayNames {

    public static final int MAX_LENGTH = 40;

    private DisplayNames() {
    }

    /** Trims and validates a name as typed by a person. */
    public static String normalize(String raw) throws RoomException {
        if (raw == null) {
            throw new RoomException(RoomException.Reason.BAD_NAME, "A name is required");
        }
        String name = stripInvisible(Normalizer.normalize(raw, Normalizer.Form.NFKC)).strip();
        if (name.isEmpty()) {
            throw new RoomException(RoomException.Reason.BAD_NAME, "A name is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new RoomException(RoomException.Reason.BAD_NAME, "Names are at most " + MAX_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(DisplayNames::isForbidden)) {
            throw new RoomException(RoomException.Reason.BAD_NAME, "Names may not contain control characters");
        }
        return name;
    }

    /**
     * Returns {@code name}, or {@code name (2)}, {@code name (3)}, … — the first that no name in {@code taken}
     * equals, ignoring case.
     */
    public static String unique(String name, Collection<String> taken) {
        Set<String> lower = taken.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (!lower.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        for (int suffix = 2; ; suffix++) {
            String candidate = name + " (" + suffix + ")";
            if (!lower.contains(candidate.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
    }

    /**
     * Removes format characters (Unicode category Cf: U+200B–U+200F zero-width and directional marks, U+202A–U+202E
     * and U+2066–U+2069 bidi embeddings, overrides and isolates, U+2060 word joiner, U+FEFF) and variation selectors:
     * they change nothing a reader can see, or reorder what is seen, so they could make a name pass for another.
     * Kept where they draw something: a zero-width joiner between two emoji (a family, a flag) and a variation
     * selector after an emoji.
     */
    static String stripInvisible(String name) {
        int[] cps = name.codePoints().toArray();
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean afterEmoji = i > 0 && Character.isExtendedPictographic(cps[i - 1]);
            boolean keep;
            if (c == 0x200D) {
                keep = afterEmoji && i + 1 < cps.length && Character.isExtendedPictographic(cps[i + 1]);
            } else if (isVariationSelector(c)) {
                keep = afterEmoji;
            } else {
                keep = Character.getType(c) != Character.FORMAT;
            }
            if (keep) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static boolean isVariationSelector(int c) {
        return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    }

    private static boolean isForbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
