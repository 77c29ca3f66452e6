package dev.parley.sdp.internal;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Connection;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpLimits;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParseException.Reason;
import dev.parley.sdp.SessionDescription;

/**
 * Splits text into lines and hands each to the session or the current media section. RFC 8866 §5 requires CRLF,
 * but LF alone is accepted (RFC 8866 §5 itself asks parsers to be tolerant, and hand-edited SDP has it). Blank lines
 * are skipped. Limits are checked before work: total size first, then each line's length as it is found, so a
 * megabyte of text is refused without being split. Not thread-safe; one reader per parse.
 */
public final class SdpReader {

    private final SdpLimits limits;
    private int lineNumber;
    private SessionDescription.Builder session;
    private boolean sawVersion;
    private boolean sawSessionName;
    private boolean sawTiming;
    private MediaDescription.Builder media;

    public SdpReader(SdpLimits limits) {
        this.limits = limits;
    }

    public SessionDescription read(String text) throws SdpParseException {
        if (text.length() > limits.maxChars()) {
            throw new SdpParseException(Reason.LIMIT_EXCEEDED, 0,
                    "description has " + text.length() + " characters, limit " + limits.maxChars());
        }
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            int next = nl < 0 ? text.length() : nl + 1;
            lineNumber++;
            if (lineNumber > limits.maxLines()) {
                throw new SdpParseException(Reason.LIMIT_EXCEEDED, lineNumber, "more than " + limits.maxLines()
                        + " lines");
            }
            int contentEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (contentEnd - pos > limits.maxLineLength()) {
                throw new SdpParseException(Reason.LIMIT_EXCEEDED, lineNumber, "line of " + (contentEnd - pos)
                        + " characters, limit " + limits.maxLineLength());
            }
            String line = text.substring(pos, contentEnd);
            pos = next;
            try {
                line(line);
            } catch (SdpParseException e) {
                throw e.atLine(lineNumber);
            }
        }
        return finish();
    }

    private void line(String line) throws SdpParseException {
        if (line.isBlank()) {
            return;
        }
        checkCharacters(line);
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
            throw new SdpParseException(Reason.MALFORMED_LINE, lineNumber, "not <type>=<value>: '"
                    + Fields.abbreviate(line) + "'");
        }
        char type = line.charAt(0);
        String value = line.substring(2);
        if (!sawVersion) {
            if (type != 'v') {
                throw new SdpParseException(Reason.MISSING_LINE, lineNumber, "description does not start with v=");
            }
            if (!value.strip().equals("0")) {
                throw SdpParseException.badValue("only SDP version 0 exists (RFC 8866 §5.1)");
            }
            sawVersion = true;
            return;
        }
        if (type == 'm') {
            startMedia(value);
        } else if (media != null) {
            mediaLine(type, line, value);
        } else {
            sessionLine(type, line, value);
        }
    }

    /** RFC 8866 §9: text fields exclude NUL, CR and LF; other controls have no place in SDP either. Tab is a blank. */
    private void checkCharacters(String line) throws SdpParseException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new SdpParseException(Reason.BAD_CHARACTER, lineNumber, "control character 0x"
                        + Integer.toHexString(c) + " at column " + (i + 1));
            }
        }
    }

    private void sessionLine(char type, String line, String value) throws SdpParseException {
        switch (type) {
            case 'v' -> throw SdpParseException.badValue("second v= line");
            case 'o' -> {
                if (session != null) {
                    throw SdpParseException.badValue("second o= line");
                }
                session = SessionDescription.builder(Origin.parse(value));
            }
            case 's' -> {
                requireOrigin();
                if (sawSessionName) {
                    throw SdpParseException.badValue("second s= line");
                }
                session.sessionName(value);
                sawSessionName = true;
            }
            case 't' -> {
                requireOrigin();
                if (sawTiming) {
                    session.otherLine(line);
                } else {
                    Fields.fields(value, 2, false, "t=");
                    session.timing(value.strip());
                    sawTiming = true;
                }
            }
            case 'c' -> {
                requireOrigin();
                if (session.connection() != null) {
                    throw SdpParseException.badValue("second session-level c= line");
                }
                session.connection(Connection.parse(value));
            }
            case 'a' -> {
                requireOrigin();
                SessionAttributes.apply(session, name(value), argument(value));
            }
            default -> {
                requireOrigin();
                session.otherLine(line);
            }
        }
    }

    private void requireOrigin() throws SdpParseException {
        if (session == null) {
            throw new SdpParseException(Reason.MISSING_LINE, lineNumber, "o= must follow v=");
        }
    }

    private void startMedia(String value) throws SdpParseException {
        requireSessionHeader();
        if (media != null) {
            session.media(media.build());
        }
        media = MediaLine.parse(value);
    }

    private void requireSessionHeader() throws SdpParseException {
        if (session == null || !sawSessionName || !sawTiming) {
            throw new SdpParseException(Reason.MISSING_LINE, lineNumber,
                    "o=, s= and t= must come before the first m=");
        }
    }

    private void mediaLine(char type, String line, String value) throws SdpParseException {
        switch (type) {
            case 'c' -> {
                if (media.connection() != null) {
                    throw SdpParseException.badValue("second c= line in a media section");
                }
                media.connection(Connection.parse(value));
            }
            case 'a' -> MediaAttributes.apply(media, name(value), argument(value));
            default -> media.otherLine(line);
        }
    }

    private SessionDescription finish() throws SdpParseException {
        if (!sawVersion) {
            throw new SdpParseException(Reason.MISSING_LINE, Math.max(lineNumber, 1), "no v= line");
        }
        requireSessionHeader();
        if (media != null) {
            session.media(media.build());
        }
        return session.build();
    }

    static String name(String attribute) {
        int colon = attribute.indexOf(':');
        return colon < 0 ? attribute : attribute.substring(0, colon);
    }

    /** The value after the first colon, or null for a flag attribute. */
    static String argument(String attribute) {
        int colon = attribute.indexOf(':');
        return colon < 0 ? null : attribute.substring(colon + 1);
    }

    static Attribute unknown(String name, String value) {
        return new Attribute(name, value);
    }
}
