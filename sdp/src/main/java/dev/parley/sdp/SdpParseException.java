package dev.parley.sdp;

/**
 * A session description, or one attribute value, that cannot be parsed. The {@link Reason} lets a caller count
 * refusals by cause; {@link #line()} says where the text went wrong (1-based, 0 when a lone value was parsed outside
 * a document, such as a trickled candidate).
 */
public final class SdpParseException extends Exception {

    /** Why a description was refused. */
    public enum Reason {
        /** The text exceeds one of the {@link SdpLimits}: total size, number of lines or length of a line. */
        LIMIT_EXCEEDED,
        /** A line that is not {@code <type>=<value>} with a single lower-case letter type (RFC 8866 §5). */
        MALFORMED_LINE,
        /** A required line is absent or misplaced: {@code v=} first, then {@code o= s= t=} before media. */
        MISSING_LINE,
        /** A field is missing, not a number, out of range, or a singular attribute repeats. */
        BAD_VALUE,
        /** A control character (NUL, CR alone, ...) where RFC 8866 §9 allows none. */
        BAD_CHARACTER
    }

    private final Reason reason;
    private final int line;

    public SdpParseException(Reason reason, int line, String message) {
        // No stack trace: hostile input is expected and the reason plus line say all there is.
        super(message, null, false, false);
        this.reason = reason;
        this.line = line;
    }

    /** A value-level failure with no line yet; the document parser adds the line with {@link #atLine}. */
    public static SdpParseException badValue(String message) {
        return new SdpParseException(Reason.BAD_VALUE, 0, message);
    }

    /** The same failure located at {@code lineNumber}, unless it already carries a line. */
    public SdpParseException atLine(int lineNumber) {
        return line != 0 ? this : new SdpParseException(reason, lineNumber, super.getMessage());
    }

    public Reason reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    @Override
    public String getMessage() {
        return (line > 0 ? "line " + line + ": " : "") + reason + ": " + super.getMessage();
    }
}
