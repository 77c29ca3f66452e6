package dev.parley.rtp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One RFC 8285 header extension element: a local identifier (negotiated with {@code a=extmap}) and its data.
 * Immutable; the data array is copied in and out.
 *
 * @param id local identifier: 1–14 fits the one-byte form (RFC 8285 §4.2), 1–255 the two-byte form (§4.3)
 * @param data element data: 1–16 bytes in the one-byte form, 0–255 in the two-byte form
 */
public record HeaderExtension(int id, byte[] data) {

    public HeaderExtension {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extension id must be 1..255: " + id);
        }
        if (data.length > 255) {
            throw new IllegalArgumentException("extension data longer than 255 bytes: " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Whether this element can be written in the one-byte form: id 1–14 and 1–16 bytes of data. */
    public boolean fitsOneByteForm() {
        return id <= 14 && data.length >= 1 && data.length <= 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderExtension other && other.id == id && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HeaderExtension[id=" + id + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
