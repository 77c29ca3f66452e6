package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8). {@code direction} and {@code attributes}
 * are null when absent. Ids 1-14 fit the one-byte header form, 1-255 the two-byte form (RFC 8285 §4.2, §4.3).
 */
public record Extmap(int id, Direction direction, String uri, String attributes) {

    public static Extmap of(int id, String uri) {
        return new Extmap(id, null, uri, null);
    }

    public static Extmap parse(String value) throws SdpParseException {
        String[] parts = Fields.head(value);
        if (parts.length < 2) {
            throw SdpParseException.badValue("a=extmap has no URI");
        }
        String idField = parts[0];
        Direction direction = null;
        int slash = idField.indexOf('/');
        if (slash >= 0) {
            direction = Direction.fromAttribute(idField.substring(slash + 1));
            if (direction == null) {
                throw SdpParseException.badValue("a=extmap direction is unknown");
            }
            idField = idField.substring(0, slash);
        }
        int id = Fields.integer(idField, 1, 255, "extmap id");
        String[] rest = Fields.head(parts[1]);
        return new Extmap(id, direction, Fields.token(rest[0], "extmap URI"), rest.length > 1 ? rest[1] : null);
    }

    public Extmap withDirection(Direction d) {
        return new Extmap(id, d, uri, attributes);
    }

    public String encode() {
        return id + (direction == null ? "" : "/" + direction.token()) + " " + uri
                + (attributes == null ? "" : " " + attributes);
    }
}
