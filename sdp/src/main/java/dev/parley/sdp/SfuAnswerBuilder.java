package dev.parley.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers a browser's offer as an ICE-lite SFU (RFC 8829 §5.3.1 for the shape of an answer). The answer carries
 * {@code a=ice-lite} (RFC 8839 §5.3), the BUNDLE group of the offer minus rejected sections (RFC 8843 §7.3.3), and in
 * each accepted section the mid echoed, credentials, fingerprint, a DTLS role from {@link Setup#answerTo},
 * {@code a=rtcp-mux}, the host candidates and the codecs and header extensions a {@link CodecNegotiator} kept.
 * Rejected sections get port 0 and keep only their mid (RFC 3264 §6, RFC 8829 §5.3.1).
 *
 * <p>A section is rejected when the offer already rejected it, it has no mid (RFC 8829 §5.2.1: every section of
 * a unified-plan offer has one), it lies outside an offered BUNDLE group (the SFU speaks one transport per peer), it is RTP without
 * {@code a=rtcp-mux} (RFC 5761 §5.1.1; the SFU takes RTCP on the RTP port only), no codec matches, or it is a data channel and
 * data channels are not {@linkplain #acceptDataChannels accepted}.
 *
 * <p>Not thread-safe; build on the session's executor.
 */
public final class SfuAnswerBuilder {

    /** What Chrome announces; the SFU does not reassemble SCTP messages, so it adopts the browser's figure. */
    static final long MAX_MESSAGE_SIZE = 262144;

    private final SessionDescription offer;
    private Origin origin;
    private LocalTransport transport;
    private CodecNegotiator negotiator = new CodecNegotiator(CodecPolicy.DEFAULT);
    private Direction localDirection = Direction.RECVONLY;
    private final Map<String, Direction> directionByMid = new HashMap<>();
    private final Map<String, ForwardedTrack> trackByMid = new HashMap<>();
    private boolean acceptDataChannels;

    private SfuAnswerBuilder(SessionDescription offer) {
        this.offer = Objects.requireNonNull(offer);
    }

    public static SfuAnswerBuilder answering(SessionDescription offer) {
        return new SfuAnswerBuilder(offer);
    }

    /** The answer's {@code o=} line; RFC 8866 §5.2 wants the version to grow with every new description. */
    public SfuAnswerBuilder origin(Origin o) {
        this.origin = o;
        return this;
    }

    public SfuAnswerBuilder transport(LocalTransport t) {
        this.transport = t;
        return this;
    }

    public SfuAnswerBuilder codecPolicy(CodecPolicy policy) {
        this.negotiator = new CodecNegotiator(policy);
        return this;
    }

    /**
     * What the SFU wants to do in every media section; {@link Direction#RECVONLY} by default (a publish
     * connection: the SFU only receives). The answer is {@link Direction#answerTo} of this and the offer.
     */
    public SfuAnswerBuilder localDirection(Direction d) {
        this.localDirection = Objects.requireNonNull(d);
        return this;
    }

    public SfuAnswerBuilder localDirection(String mid, Direction d) {
        directionByMid.put(mid, d);
        return this;
    }

    /** A track the SFU sends in section {@code mid} when the answer's direction there includes sending. */
    public SfuAnswerBuilder sendTrack(String mid, ForwardedTrack track) {
        trackByMid.put(mid, track);
        return this;
    }

    /** Off by default: file transfer stays peer-to-peer, so an SFU connection carries media only. */
    public SfuAnswerBuilder acceptDataChannels(boolean accept) {
        this.acceptDataChannels = accept;
        return this;
    }

    public SfuAnswer build() throws SdpNegotiationException {
        if (origin == null || transport == null) {
            throw new IllegalStateException("origin and transport must be set");
        }
        Optional<Group> bundle = offer.bundleGroup();
        List<NegotiatedSection> sections = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            NegotiatedSection s = negotiate(m, bundle);
            sections.add(s);
            media.add(s.accepted() ? accepted(m, s) : rejected(m));
        }
        SessionDescription.Builder b = SessionDescription.builder(origin).iceLite(true)
                .extmapAllowMixed(offer.extmapAllowMixed());
        bundle.ifPresent(g -> b.group(new Group(g.semantics(), g.mids().stream()
                .filter(mid -> sections.stream().anyMatch(s -> s.accepted() && mid.equals(s.mid()))).toList())));
        media.forEach(b::media);
        return new SfuAnswer(b.build(), sections);
    }

    private NegotiatedSection negotiate(MediaDescription m, Optional<Group> bundle) throws SdpNegotiationException {
        String mid = m.mid();
        String why = rejection(m, bundle);
        if (why != null) {
            return NegotiatedSection.rejected(mid, m.kind(), why);
        }
        requireTransport(m);
        if (m.isDataChannel()) {
            return new NegotiatedSection(mid, m.kind(), Direction.SENDRECV, List.of(), List.of(), null);
        }
        List<Codec> codecs = negotiator.answer(m.kind(), Codecs.of(m));
        if (codecs.isEmpty()) {
            return NegotiatedSection.rejected(mid, m.kind(), "no codec in common");
        }
        Direction local = directionByMid.getOrDefault(mid, localDirection);
        Direction d = Direction.answerTo(m.effectiveDirection(), local);
        return new NegotiatedSection(mid, m.kind(), d, codecs, negotiator.answerExtensions(m.extmaps()), null);
    }

    private String rejection(MediaDescription m, Optional<Group> bundle) {
        if (m.isRejected()) {
            return "rejected in the offer";
        }
        if (m.mid() == null) {
            return "no a=mid";
        }
        if (bundle.isPresent() && !bundle.get().mids().contains(m.mid())) {
            return "outside the BUNDLE group";
        }
        if (m.isDataChannel()) {
            return acceptDataChannels && m.sctpPort() != null ? null : "data channels are not accepted";
        }
        if (!m.isRtp() || !(m.kind().equals(MediaDescription.AUDIO) || m.kind().equals(MediaDescription.VIDEO))) {
            return "unsupported media " + m.kind() + " " + m.proto();
        }
        if (!m.proto().contains("SAVP")) {
            return "not secure RTP";
        }
        return m.rtcpMux() ? null : "no a=rtcp-mux";
    }

    private void requireTransport(MediaDescription m) throws SdpNegotiationException {
        TransportParameters t = offer.transportOf(m);
        if (t.iceUfrag() == null || t.icePwd() == null) {
            throw new SdpNegotiationException(SdpNegotiationException.Reason.NO_ICE_CREDENTIALS,
                    "section " + m.mid() + " has no ICE credentials");
        }
        if (t.fingerprints().isEmpty()) {
            throw new SdpNegotiationException(SdpNegotiationException.Reason.NO_FINGERPRINT,
                    "section " + m.mid() + " has no DTLS fingerprint");
        }
    }

    private MediaDescription accepted(MediaDescription m, NegotiatedSection s) {
        MediaDescription.Builder b = MediaDescription.builder(m.kind(), 0, m.proto()).mid(m.mid());
        transport.writeTo(b, Setup.answerTo(offer.transportOf(m).setup()));
        if (m.isDataChannel()) {
            // RFC 8841 §5-6: each side states its own SCTP port and the largest message it takes.
            return b.formats(m.formats()).sctpPort(m.sctpPort()).maxMessageSize(MAX_MESSAGE_SIZE).build();
        }
        b.direction(s.direction()).rtcpMux(true).rtcpRsize(m.rtcpRsize());
        s.extensions().forEach(b::extmap);
        Codecs.write(b, s.codecs());
        ForwardedTrack track = trackByMid.get(m.mid());
        if (track != null && s.direction().sends()) {
            track.writeTo(b);
        }
        return b.build();
    }

    private static MediaDescription rejected(MediaDescription m) {
        MediaDescription.Builder b = MediaDescription.builder(m.kind(), 0, m.proto()).formats(m.formats())
                .connection(Connection.UNSPECIFIED);
        if (m.mid() != null) {
            b.mid(m.mid());
        }
        return b.build();
    }
}
