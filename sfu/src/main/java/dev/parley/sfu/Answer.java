package dev.parley.sfu;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsRole;
import dev.parley.sdp.Fingerprint;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SdpLimits;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.SsrcGroup;
import dev.parley.sdp.TransportParameters;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the SFU needs from a peer's answer: its ICE ufrag, its certificate fingerprint, the DTLS role it leaves us,
 * the SSRC it sends in each slot, and the video codecs it accepted (the ones it can send and receive).
 */
record Answer(String iceUfrag, CertificateFingerprint fingerprint, DtlsRole role, Map<Source, Long> slotSsrcs,
        java.util.Set<String> videoCodecs) {

    /**
     * Reads an answer to an offer with {@code offeredMids} (in order).
     *
     * @throws IllegalArgumentException with a message for the client when it does not parse or does not fit the offer
     */
    static Answer read(String sdp, List<String> offeredMids) {
        SessionDescription answer;
        try {
            answer = SessionDescription.parse(sdp, SdpLimits.DEFAULT);
        } catch (SdpParseException e) {
            throw new IllegalArgumentException("The answer is not valid SDP: " + e.getMessage());
        }
        List<MediaDescription> media = answer.media();
        if (media.size() != offeredMids.size()) {
            throw new IllegalArgumentException("The answer has " + media.size() + " sections; the offer had "
                    + offeredMids.size());
        }
        for (int i = 0; i < media.size(); i++) {
            if (!offeredMids.get(i).equals(media.get(i).mid())) {
                throw new IllegalArgumentException("Section " + i + " of the answer is mid " + media.get(i).mid()
                        + "; the offer had " + offeredMids.get(i));
            }
        }
        TransportParameters t = answer.transportOf(media.get(0));
        if (t.iceUfrag() == null || t.fingerprints().isEmpty() || t.setup() == null) {
            throw new IllegalArgumentException("The answer lacks a=ice-ufrag, a=fingerprint or a=setup");
        }
        Fingerprint fp = t.fingerprints().get(0);
        CertificateFingerprint fingerprint;
        DtlsRole role;
        try {
            fingerprint = CertificateFingerprint.parse(fp.encode());
            role = DtlsRole.forOfferAnswered(t.setup().name());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The answer's DTLS parameters are unusable: " + e.getMessage());
        }
        Map<Source, Long> ssrcs = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            MediaDescription m = media.get(s.ordinal());
            Long ssrc = primarySsrc(m);
            if (ssrc != null) {
                ssrcs.put(s, ssrc);
            }
        }
        java.util.Set<String> video = new java.util.HashSet<>();
        for (MediaDescription m : media) {
            if (m.kind().equals(MediaDescription.VIDEO) && m.port() != 0) {
                m.rtpMaps().forEach(r -> video.add(r.encoding().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return new Answer(t.iceUfrag(), fingerprint, role, ssrcs, java.util.Set.copyOf(video));
    }

    /** The media SSRC of a section: the first of an FID group (RFC 4588 §8.1), else the first {@code a=ssrc}. */
    private static Long primarySsrc(MediaDescription m) {
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals(SsrcGroup.FID) && !g.ssrcs().isEmpty()) {
                return g.ssrcs().get(0);
            }
        }
        List<Long> ids = m.ssrcIds();
        return ids.isEmpty() ? null : ids.get(0);
    }
}
