package dev.parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses what an answer keeps of an offer's codecs and header extensions under a {@link CodecPolicy}. Stateless and
 * thread-safe.
 *
 * <p>Rules, in the spirit of RFC 8829 §5.3.1 and RFC 3264 §6.1:
 * <ul>
 *   <li>A format is kept when a policy codec {@linkplain Codec#isCompatibleWith is compatible} with it; it keeps the
 *       offerer's payload type (the answer must, RFC 3264 §6.1) and order, and the offerer's fmtp parameters: an SFU
 *       decodes nothing, so it receives whatever level or Opus options the sender wants.</li>
 *   <li>RTX stays only for kept video codecs whose offer had RTX and whose policy codec has RTX (RFC 4588 §8.1).</li>
 *   <li>Feedback kinds are those both the offer and the policy name.</li>
 *   <li>Header extensions keep the offered id (RFC 8285 §7) when the policy lists their URI; a direction the offer
 *       gives is reversed.</li>
 * </ul>
 */
public final class CodecNegotiator {

    private final CodecPolicy policy;

    public CodecNegotiator(CodecPolicy policy) {
        this.policy = policy;
    }

    public CodecPolicy policy() {
        return policy;
    }

    /** The codecs an answer keeps for a section of {@code kind}; empty when nothing matches (reject the section). */
    public List<Codec> answer(String kind, List<Codec> offered) {
        List<Codec> local = policy.codecsFor(kind);
        List<Codec> out = new ArrayList<>();
        for (Codec o : offered) {
            Optional<Codec> match = local.stream().filter(l -> l.isCompatibleWith(o)).findFirst();
            if (match.isEmpty()) {
                continue;
            }
            List<String> feedback = o.rtcpFeedback().stream().filter(policy.rtcpFeedback()::contains).toList();
            boolean rtx = kind.equals(MediaDescription.VIDEO) && o.hasRtx() && match.get().hasRtx();
            out.add(o.withRtcpFeedback(feedback).withRtx(rtx ? o.rtxPayloadType() : Codec.NO_RTX));
        }
        return out;
    }

    /** The offered extensions the policy understands, with reversed directions. */
    public List<Extmap> answerExtensions(List<Extmap> offered) {
        return offered.stream().filter(e -> policy.headerExtensions().contains(e.uri()))
                .map(e -> e.direction() == null ? e : e.withDirection(e.direction().reversed()))
                .toList();
    }

    /** True when a kept list still holds a codec every WebRTC endpoint must support for the kind. */
    public static boolean hasMandatoryCodec(String kind, List<Codec> codecs) {
        String mandatory = kind.equals(MediaDescription.AUDIO) ? Codec.OPUS : Codec.VP8;
        return codecs.stream().anyMatch(c -> c.isNamed(mandatory));
    }
}
