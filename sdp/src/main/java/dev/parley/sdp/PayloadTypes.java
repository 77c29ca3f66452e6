package dev.parley.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Numbers codecs for a peer when the SFU writes the offer and so picks the payload types. Stateless. */
public final class PayloadTypes {

    /**
     * Dynamic payload types (RFC 3551 §6: 96-127), then 35-63 as Chrome also uses: with rtcp-mux, 64-95 would clash
     * with RTCP packet types 192-223 (RFC 5761 §4).
     */
    private static final int[] DYNAMIC;

    static {
        DYNAMIC = new int[32 + 29];
        int i = 0;
        for (int pt = 96; pt <= 127; pt++) {
            DYNAMIC[i++] = pt;
        }
        for (int pt = 35; pt <= 63; pt++) {
            DYNAMIC[i++] = pt;
        }
    }

    private PayloadTypes() {}

    /**
     * Renumbers {@code codecs} (and their RTX) in the peer's own numbering where {@code preferred} — what the peer
     * itself offered, say in its publish offer — has a compatible codec, and with free dynamic numbers otherwise, so
     * no two formats share a number. Codec order is kept. {@link PayloadTypeMap#between} of the input and the result
     * is then the rewrite the forwarder applies.
     *
     * @throws IllegalArgumentException when more formats are asked for than dynamic payload types exist
     */
    public static List<Codec> assign(List<Codec> codecs, List<Codec> preferred) {
        // First the peer's own numbers, so a free number handed out early cannot take one a later codec wants.
        Set<Integer> used = new HashSet<>();
        List<Optional<Codec>> partners = new ArrayList<>();
        for (Codec c : codecs) {
            Optional<Codec> p = preferred.stream().filter(c::isCompatibleWith)
                    .filter(x -> !used.contains(x.payloadType())).findFirst();
            p.ifPresent(x -> used.add(x.payloadType()));
            partners.add(p);
        }
        for (int i = 0; i < codecs.size(); i++) {
            Optional<Codec> p = partners.get(i);
            if (codecs.get(i).hasRtx() && p.filter(Codec::hasRtx).isPresent()
                    && !used.add(p.get().rtxPayloadType())) {
                partners.set(i, p.map(x -> x.withRtx(Codec.NO_RTX)));
            }
        }
        List<Codec> out = new ArrayList<>();
        for (int i = 0; i < codecs.size(); i++) {
            Codec c = codecs.get(i);
            Optional<Codec> p = partners.get(i);
            int pt = p.isPresent() ? p.get().payloadType() : take(used);
            int rtx = !c.hasRtx() ? Codec.NO_RTX
                    : p.filter(Codec::hasRtx).map(Codec::rtxPayloadType).orElseGet(() -> take(used));
            out.add(c.withPayloadType(pt).withRtx(rtx));
        }
        return out;
    }

    private static int take(Set<Integer> used) {
        int pt = free(used);
        used.add(pt);
        return pt;
    }

    private static int free(Set<Integer> used) {
        for (int pt : DYNAMIC) {
            if (!used.contains(pt)) {
                return pt;
            }
        }
        throw new IllegalArgumentException("more formats than dynamic payload types");
    }
}
