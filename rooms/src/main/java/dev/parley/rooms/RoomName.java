package dev.parley.rooms;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated room name: 1–64 characters of ASCII letters, digits, {@code -} and {@code _}.
 * Names are case-insensitive; the canonical form is lower case.
 */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    public RoomName {
        if (value == null || !ALLOWED.matcher(value).matches() || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a canonical room name: " + value);
        }
    }

    /** Validates {@code raw} and returns its canonical (lower-case) form. */
    public static RoomName parse(String raw) throws RoomException {
        if (!isValid(raw)) {
            throw new RoomException(RoomException.Reason.BAD_ROOM_NAME,
                    "Room names are 1-64 characters of letters, digits, '-' and '_'");
        }
        return new RoomName(raw.toLowerCase(Locale.ROOT));
    }

    public static boolean isValid(String raw) {
        return raw != null && ALLOWED.matcher(raw).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
