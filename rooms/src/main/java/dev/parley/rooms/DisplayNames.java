package dev.parley.rooms;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Rules for participant display names: trimmed, 1–40 characters, no control characters, unique in a room. */
public final class DisplayNames {

    public static final int MAX_LENGTH = 40;

    private DisplayNames() {
    }

    /** Trims and validates a name as typed by a person. */
    public static String normalize(String raw) throws RoomException {
        if (raw == null) {
            throw new RoomException(RoomException.Reason.BAD_NAME, "A name is required");
        }
        String name = raw.strip();
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

    private static boolean isForbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || codePoint == 0x202E || codePoint == 0x202D; // bidi overrides make names spoof others
    }
}
