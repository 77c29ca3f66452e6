package dev.parley.sfu;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsRole;
import dev.parley.ice.HostCandidate;
import dev.parley.sdp.Candidate;
import dev.parley.sdp.Fingerprint;
import dev.parley.sdp.LocalTransport;
import dev.parley.sdp.SdpParseException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offer/answer for every SFU connection (docs/media.md, "Topology and negotiation"): the server offers, one offer
 * outstanding per connection, changes meanwhile folded into the next one; an answer is checked against the offer it
 * answers and its effects (the DTLS role and fingerprint, the slots' SSRCs, the sections it announced) are handed to
 * the engine through {@link Effects}. Also chooses each room's video codec. Not thread-safe: owned by the media loop.
 */
final class Negotiator {

    private static final Logger log = LoggerFactory.getLogger(Negotiator.class);

    /** What an accepted answer makes the engine do. */
    interface Effects {
        /** The first answer gave the peer's DTLS role and certificate fingerprint. */
        void startDtls(Peer peer, DtlsRole role, CertificateFingerprint fingerprint);

        /** The answer says the peer sends {@code ssrc} in {@code slot}. */
        void bindSlot(Peer peer, Source slot, long ssrc);

        /** The subscriber accepted a section carrying a new track: media may flow to it now. */
        void announced(DownstreamSection section);
    }

    private final SfuListener listener;
    private final SfuMetrics metrics;
    private final Fingerprint fingerprint;
    private final String preferredVideoCodec;
    private final Map<Peer, Map<DownstreamSection, String>> offeredTracks = new IdentityHashMap<>();
    private final Map<Peer, List<String>> offeredMids = new IdentityHashMap<>();
    private List<Candidate> candidates = List.of();

    Negotiator(SfuListener listener, SfuMetrics metrics, CertificateFingerprint local, String preferredVideoCodec) {
        this.listener = listener;
        this.metrics = metrics;
        this.preferredVideoCodec = preferredVideoCodec;
        try {
            this.fingerprint = Fingerprint.parse(local.toSdp());
        } catch (SdpParseException e) {
            throw new IllegalStateException("our own fingerprint does not parse", e);
        }
    }

    /** The host candidates every offer carries, once the socket's port is known. */
    void listening(List<InetAddress> advertised, int port) {
        List<Candidate> list = new ArrayList<>();
        for (HostCandidate h : HostCandidate.forAddresses(advertised, port, HostCandidate.Transport.UDP)) {
            try {
                list.add(Candidate.parse(h.attributeValue()));
            } catch (SdpParseException e) {
                throw new IllegalStateException("our own candidate does not parse: " + h.attributeValue(), e);
            }
        }
        candidates = List.copyOf(list);
    }

    /** Offers now, or after the outstanding offer is answered. */
    void requestOffer(Peer peer) {
        if (peer.closed) {
            return;
        }
        if (peer.outstandingVersion != 0) {
            peer.dirty = true;
        } else {
            sendOffer(peer);
        }
    }

    /** Applies an answer to the peer's outstanding offer. */
    AnswerOutcome answer(Peer peer, int version, String sdp, Effects effects) {
        if (version != peer.outstandingVersion) {
            return AnswerOutcome.STALE; // an answer to an older offer: the newer one is on its way
        }
        peer.outstandingVersion = 0;
        Answer answer;
        try {
            answer = Answer.read(sdp, offeredMids.get(peer));
        } catch (IllegalArgumentException e) {
            if (peer.dirty) {
                sendOffer(peer);
            }
            return new AnswerOutcome.Refused(AnswerOutcome.Refused.Kind.BAD_SDP, e.getMessage());
        }
        if (!peer.answeredOnce) {
            peer.answeredOnce = true;
            peer.ice.remoteUfrag(answer.iceUfrag());
            effects.startDtls(peer, answer.role(), answer.fingerprint());
        }
        answer.slotSsrcs().forEach((source, ssrc) -> effects.bindSlot(peer, source, ssrc));
        peer.videoCodecs = answer.videoCodecs();
        chooseVideoCodec(peer.room);
        Map<DownstreamSection, String> announced = offeredTracks.remove(peer);
        if (announced != null) {
            announced.forEach((d, trackId) -> {
                if (trackId.equals(d.trackId) && !d.announced) {
                    d.announced = true;
                    effects.announced(d);
                }
            });
        }
        if (peer.dirty) {
            sendOffer(peer);
        }
        return AnswerOutcome.ACCEPTED;
    }

    /**
     * The room's video codec: the preferred one when every connection that has answered accepted it, else VP8. A
     * change re-offers everyone with the new codec first, so publishers switch to it.
     */
    void chooseVideoCodec(SfuRoom room) {
        boolean everyone = true;
        for (Peer p : room.peers.values()) {
            if (p.answeredOnce && !p.videoCodecs.contains(preferredVideoCodec)) {
                everyone = false;
            }
        }
        String codec = everyone ? preferredVideoCodec : "VP8";
        if (!codec.equals(room.videoCodec)) {
            log.debug("Room {} sends video as {} now", room.name, codec);
            room.videoCodec = codec;
            for (Peer p : room.peers.values()) {
                requestOffer(p);
            }
        }
    }

    /** Forgets what was offered to a closed connection. */
    void forget(Peer peer) {
        offeredTracks.remove(peer);
        offeredMids.remove(peer);
    }

    private void sendOffer(Peer peer) {
        int version = ++peer.lastVersion;
        peer.outstandingVersion = version;
        peer.dirty = false;
        LocalTransport transport = new LocalTransport(peer.credentials.ufrag(), peer.credentials.password(),
                fingerprint, candidates);
        SfuOffer offer = OfferWriter.write(peer, transport, version, peer.room.videoCodec);
        List<String> mids = new ArrayList<>();
        for (Source s : Source.values()) {
            mids.add(s.slotMid());
        }
        Map<DownstreamSection, String> live = new IdentityHashMap<>();
        for (DownstreamSection d : peer.sections) {
            mids.add(d.mid);
            if (!d.idle()) {
                live.put(d, d.trackId);
            }
        }
        offeredMids.put(peer, mids);
        offeredTracks.put(peer, live);
        metrics.offers.increment();
        listener.offer(peer.room.name, peer.id, offer);
    }
}
