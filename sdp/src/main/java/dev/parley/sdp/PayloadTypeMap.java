package dev.parley.sdp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites payload types between two peers' numbering of the same codecs: the SFU receives a publisher's VP8 as 96
 * and may have to send it to a subscriber as 120. RTX payload types map along with their codecs. Immutable and
 * thread-safe; {@link #map} is an array lookup for the media path.
 */
public final class PayloadTypeMap {

    /** Payload types are seven bits (RFC 3550 §5.1). */
    private static final int SIZE = 128;

    private final int[] table;

    private PayloadTypeMap(int[] table) {
        this.table = table;
    }

    /**
     * Pairs each codec of {@code from} with the first {@linkplain Codec#isCompatibleWith compatible} codec of
     * {@code to}; their RTX payload types pair too when both have one. Codecs with no partner stay unmapped.
     */
    public static PayloadTypeMap between(List<Codec> from, List<Codec> to) {
        int[] table = new int[SIZE];
        Arrays.fill(table, -1);
        for (Codec f : from) {
            Optional<Codec> t = to.stream().filter(f::isCompatibleWith).findFirst();
            if (t.isEmpty()) {
                continue;
            }
            table[f.payloadType()] = t.get().payloadType();
            if (f.hasRtx() && t.get().hasRtx()) {
                table[f.rtxPayloadType()] = t.get().rtxPayloadType();
            }
        }
        return new PayloadTypeMap(table);
    }

    /** The mapped payload type, or -1 when {@code payloadType} has no partner (drop the packet). */
    public int map(int payloadType) {
        return payloadType >= 0 && payloadType < SIZE ? table[payloadType] : -1;
    }

    public boolean isIdentity() {
        for (int pt = 0; pt < SIZE; pt++) {
            if (table[pt] != -1 && table[pt] != pt) {
                return false;
            }
        }
        return true;
    }
}
