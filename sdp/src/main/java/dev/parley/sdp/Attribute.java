package dev.parley.sdp;

import java.util.Objects;

/**
 * An attribute this package does not model, kept verbatim so that a description survives a parse and a write:
 * {@code a=name} (a flag, {@code value} null) or {@code a=name:value} (RFC 8866 §5.13).
 */
public record Attribute(String name, String value) {

    public Attribute {
        Objects.requireNonNull(name, "name");
    }

    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** The text after {@code a=}. */
    public String encode() {
        return value == null ? name : name + ":" + value;
    }
}
