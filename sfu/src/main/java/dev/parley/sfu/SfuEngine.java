package dev.parley.sfu;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsEvent;
import dev.parley.dtls.DtlsOutput;
import dev.parley.dtls.DtlsRole;
import dev.parley.ice.CheckResult;
import dev.parley.ice.CheckVerdict;
import dev.parley.ice.HostCandidate;
import dev.parley.ice.IceCredentials;
import dev.parley.ice.IceEvent;
import dev.parley.ice.IceLiteAgent;
import dev.parley.ice.IceSettings;
import dev.parley.rtp.FullIntraRequest;
import dev.parley.rtp.GenericNack;
import dev.parley.rtp.PictureLossIndication;
import dev.parley.rtp.ReceiverReport;
import dev.parley.rtp.ReportBlock;
import dev.parley.rtp.RtcpCompound;
import dev.parley.rtp.RtcpPacket;
import dev.parley.rtp.RtpParseException;
import dev.parley.rtp.SenderReport;
import dev.parley.sdp.Candidate;
import dev.parley.sdp.Fingerprint;
import dev.parley.sdp.LocalTransport;
import dev.parley.sdp.SdpParseException;
import dev.parley.srtp.SrtpException;
import dev.parley.stun.PacketKind;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the SFU knows and does, on the media loop thread (docs/media.md, "The SFU"): rooms and their peers,
 * negotiation, the demultiplexing of datagrams (RFC 7983) and the forwarding path. Sans-I/O: datagrams come in through
 * {@link #onDatagram}, go out through {@link Sender}, time through {@link #clock}; DTLS handshakes through the
 * injected {@link DtlsFactory} and randomness (SSRCs, ICE credentials) from the injected generator, so a test drives
 * it all without sockets, threads or sleeps. Not thread-safe: every method runs on the loop; other threads post
 * through the {@code post} function.
 */
final class SfuEngine {

    private static final Logger log = LoggerFactory.getLogger(SfuEngine.class);
    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;
    private static final int BUFFER = 2048;
    /** Remote addresses one connection may have validated at once (the agent's cap, mirrored by the engine's map). */
    static final int MAX_ADDRESSES = IceSettings.DEFAULT.maxRemoteAddresses();

    /** Where datagrams go; returns false when the socket refused one. */
    interface Sender {
        boolean send(byte[] buf, int off, int len, InetSocketAddress to);
    }

    private final SfuSettings settings;
    private final SfuListener listener;
    private final SfuMetrics metrics;
    private final Sender sender;
    private final Consumer<Runnable> post;
    private final DtlsFactory dtlsFactory;
    private final Fingerprint sdpFingerprint;
    private final RandomGenerator random;
    private final ErrorLog errors = new ErrorLog(log);
    private List<Candidate> candidates = List.of();

    private final Map<String, SfuRoom> rooms = new HashMap<>();
    private final Map<String, Peer> byUfrag = new HashMap<>();
    private final Map<InetSocketAddress, Peer> byAddress = new HashMap<>();
    private final Map<Peer, Map<DownstreamSection, String>> offeredTracks = new IdentityHashMap<>();
    private final Map<Peer, List<String>> offeredMids = new IdentityHashMap<>();

    private final byte[] plain = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER];
    private final byte[] encrypted = new byte[BUFFER];
    private final byte[] retransmit = new byte[BUFFER];
    private final byte[] rtcpPlain = new byte[BUFFER];
    private final byte[] rtcpEncrypted = new byte[BUFFER];
    private long nowNanos;
    private long nowMillis;
    private long nextReportNanos;
    private long trackIds;

    SfuEngine(SfuSettings settings, SfuListener listener, SfuMetrics metrics, Sender sender, Consumer<Runnable> post,
            DtlsFactory dtlsFactory, RandomGenerator random) {
        this.settings = settings;
        this.listener = listener;
        this.metrics = metrics;
        this.sender = sender;
        this.post = post;
        this.dtlsFactory = dtlsFactory;
        this.random = random;
        try {
            this.sdpFingerprint = Fingerprint.parse(dtlsFactory.localFingerprint().toSdp());
        } catch (SdpParseException e) {
            throw new IllegalStateException("our own fingerprint does not parse", e);
        }
    }

    /** The port the socket really listens on, for the candidates (known once bound). */
    void listening(int port) {
        List<Candidate> list = new ArrayList<>();
        for (HostCandidate h : HostCandidate.forAddresses(settings.advertised(), port, HostCandidate.Transport.UDP)) {
            try {
                list.add(Candidate.parse(h.attributeValue()));
            } catch (SdpParseException e) {
                throw new IllegalStateException("our own candidate does not parse: " + h.attributeValue(), e);
            }
        }
        candidates = List.copyOf(list);
    }

    void clock(long millis, long nanos) {
        nowMillis = millis;
        nowNanos = nanos;
    }

    // ---- signaling ---------------------------------------------------------------------------------------------

    /** A fresh SFU connection for the participant; false (and nothing changed) when its room is full. */
    boolean connect(String roomName, String participantId, Set<String> sharingNow) {
        SfuRoom room = rooms.computeIfAbsent(roomName, n -> new SfuRoom(n, settings.preferredVideoCodec()));
        room.sharing.addAll(sharingNow);
        Peer existing = room.peers.get(participantId);
        if (existing != null) {
            closePeer(existing, "a new connection replaced it");
        }
        if (room.peers.size() >= settings.maxParticipantsPerRoom()) {
            return false;
        }
        IceCredentials credentials = IceCredentials.generate(random);
        while (byUfrag.containsKey(credentials.ufrag())) {
            credentials = IceCredentials.generate(random);
        }
        IceLiteAgent ice = new IceLiteAgent(credentials, null,
                new IceSettings(settings.consentTimeoutMillis(), MAX_ADDRESSES), nowMillis);
        Peer peer = new Peer(room, participantId, credentials, ice, randomSsrc(), random.nextLong() & Long.MAX_VALUE,
                nowNanos);
        room.peers.put(participantId, peer);
        byUfrag.put(credentials.ufrag(), peer);
        metrics.transports++;
        for (Peer other : room.peers.values()) {
            if (other == peer) {
                continue;
            }
            for (Source s : Source.values()) {
                if (room.publishes(other.id, s)) {
                    addSection(peer, other.id, s);
                }
                if (room.publishes(peer.id, s)) {
                    addSection(other, peer.id, s);
                }
            }
            requestOffer(other);
        }
        requestOffer(peer);
        log.debug("SFU connection for {} in {} ({} in the room)", participantId, roomName, room.peers.size());
        return true;
    }

    /** Applies an answer to the participant's outstanding offer. */
    AnswerOutcome answer(String roomName, String participantId, int version, String sdp) {
        Peer peer = peer(roomName, participantId);
        if (peer == null) {
            return new AnswerOutcome.Refused(AnswerOutcome.Refused.Kind.NO_CONNECTION,
                    "No SFU connection; send sfu-connect first");
        }
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
            startDtls(peer, answer.role(), answer.fingerprint());
        }
        answer.slotSsrcs().forEach((source, ssrc) -> bindSlot(peer, source, ssrc));
        peer.videoCodecs = answer.videoCodecs();
        chooseVideoCodec(peer.room);
        Map<DownstreamSection, String> announced = offeredTracks.remove(peer);
        if (announced != null) {
            announced.forEach((d, trackId) -> {
                if (trackId.equals(d.trackId) && !d.announced) {
                    d.announced = true;
                    if (d.track != null && d.track.source.isVideo()) {
                        requestKeyframe(d.track);
                    }
                }
            });
        }
        if (peer.dirty) {
            sendOffer(peer);
        }
        return AnswerOutcome.ACCEPTED;
    }

    void leave(String roomName, String participantId) {
        SfuRoom room = rooms.get(roomName);
        if (room == null) {
            return;
        }
        room.sharing.remove(participantId);
        Peer peer = room.peers.get(participantId);
        if (peer != null) {
            closePeer(peer, "left the room");
        }
        dropIfEmpty(room);
    }

    void screenSharing(String roomName, String participantId, boolean sharing) {
        SfuRoom room = rooms.get(roomName);
        if (room == null) {
            return; // not on the SFU yet: connect() learns who shares
        }
        boolean changed = sharing ? room.sharing.add(participantId) : room.sharing.remove(participantId);
        if (!changed) {
            return;
        }
        for (Peer other : room.peers.values()) {
            if (other.id.equals(participantId)) {
                continue;
            }
            if (sharing) {
                addSection(other, participantId, Source.SCREEN);
            } else {
                DownstreamSection d = other.sectionCarrying(participantId, Source.SCREEN);
                if (d != null) {
                    removeSection(d);
                }
            }
            requestOffer(other);
        }
    }

    /** Closes every connection (server shutdown). */
    void closeAll() {
        for (SfuRoom room : List.copyOf(rooms.values())) {
            for (Peer peer : List.copyOf(room.peers.values())) {
                closePeer(peer, "server stopping");
            }
        }
        rooms.clear();
    }

    // ---- datagrams ---------------------------------------------------------------------------------------------

    /** One datagram from the media port. A bug met on the way loses that datagram only (counted, logged). */
    void onDatagram(byte[] buf, int len, InetSocketAddress source) {
        metrics.bytesIn.add(len);
        if (len < 1) {
            metrics.drop(DropReason.NOT_RTP);
            return;
        }
        try {
            switch (PacketKind.of(buf[0])) {
                case STUN -> onStun(buf, len, source);
                case DTLS -> onDtls(buf, len, source);
                case RTP_RTCP -> onSrtp(buf, len, source);
                default -> metrics.drop(DropReason.NOT_RTP);
            }
        } catch (RuntimeException e) {
            internalError("a datagram from " + source, e);
        }
    }

    /** Counts and logs (at most once a second) an exception the SFU met; the caller carries on with the next item. */
    void internalError(String where, RuntimeException e) {
        metrics.drop(DropReason.INTERNAL_ERROR);
        errors.report(where, e, nowNanos);
    }

    private void onStun(byte[] buf, int len, InetSocketAddress source) {
        // A check names its transport in USERNAME (RFC 8445 §7.3); the source address is not trusted for that.
        Peer peer = byUfrag.get(PacketBytes.localUfrag(buf, len));
        if (peer == null) {
            metrics.drop(DropReason.BAD_STUN);
            return;
        }
        CheckResult result = peer.ice.handle(buf, 0, len, source, nowMillis);
        if (result.hasResponse()) {
            byte[] response = result.response();
            send(response, 0, response.length, source);
        }
        if (result.verdict() != CheckVerdict.ANSWERED) {
            metrics.drop(DropReason.BAD_STUN);
        }
        for (IceEvent e : result.events()) {
            if (e instanceof IceEvent.Validated v) {
                route(peer, v.address());
            }
        }
    }

    /**
     * Routes DTLS and SRTP from {@code address} to {@code peer}, unless another connection already owns it: a check
     * is answered whatever its source, but an address stays with the connection that had it first (a participant
     * could otherwise send checks from a forged source and take someone's media). Keeps at most
     * {@link #MAX_ADDRESSES} per peer, forgetting the oldest that is not its media address.
     */
    private void route(Peer peer, InetSocketAddress address) {
        Peer owner = byAddress.get(address);
        if (owner != null && owner != peer) {
            metrics.drop(DropReason.ADDRESS_IN_USE);
            return;
        }
        byAddress.put(address, peer);
        peer.validated.remove(address);
        peer.validated.add(address);
        var it = peer.validated.iterator();
        while (peer.validated.size() > MAX_ADDRESSES && it.hasNext()) {
            InetSocketAddress oldest = it.next();
            if (!oldest.equals(peer.mediaAddress) && !oldest.equals(address)) {
                it.remove();
                byAddress.remove(oldest, peer);
            }
        }
    }

    private void onDtls(byte[] buf, int len, InetSocketAddress source) {
        Peer peer = byAddress.get(source);
        if (peer == null || !peer.ice.isValidated(source, nowMillis)) {
            metrics.drop(DropReason.UNKNOWN_SOURCE);
            return;
        }
        peer.dtlsSource = source;
        if (peer.dtls == null) {
            if (peer.earlyDtls.size() < Peer.EARLY_DTLS_MAX) {
                peer.earlyDtls.add(java.util.Arrays.copyOf(buf, len));
            }
            return;
        }
        peer.dtls.receive(buf, 0, len, nowMillis);
    }

    private void onSrtp(byte[] buf, int len, InetSocketAddress source) {
        Peer peer = byAddress.get(source);
        if (peer == null || !peer.ice.isValidated(source, nowMillis)) {
            metrics.drop(DropReason.UNKNOWN_SOURCE);
            return;
        }
        if (!peer.connected()) {
            if (peer.dtls != null && !peer.closed && peer.earlySrtp.size() < Peer.EARLY_SRTP_MAX) {
                peer.earlySrtp.add(new Peer.EarlyPacket(java.util.Arrays.copyOf(buf, len), source));
            } else {
                metrics.drop(DropReason.SRTP);
            }
            return;
        }
        int pt = len >= 2 ? buf[1] & 0xff : 0;
        boolean rtcp = pt >= 192 && pt <= 223; // RFC 5761 §4
        int n;
        try {
            n = rtcp ? peer.receiver.unprotectRtcp(buf, 0, len, plain, 0)
                    : peer.receiver.unprotectRtp(buf, 0, len, plain, 0);
        } catch (SrtpException e) {
            metrics.drop(DropReason.SRTP);
            return;
        }
        // Authenticated media from a validated address: the peer is there now (NAT rebinding, network change).
        peer.mediaAddress = source;
        if (rtcp) {
            metrics.rtcpIn.increment();
            onRtcp(peer, plain, n);
        } else {
            metrics.rtpIn.increment();
            onRtp(peer, plain, n);
        }
    }

    // ---- forwarding --------------------------------------------------------------------------------------------

    private void onRtp(Peer peer, byte[] p, int n) {
        if (n < 12) {
            metrics.drop(DropReason.MALFORMED);
            return;
        }
        long ssrc = PacketBytes.u32(p, 8);
        UpstreamTrack track = peer.publishedBySsrc.get(ssrc);
        if (track == null) {
            Source slot = PacketBytes.slotOfMidExtension(p, n);
            if (slot == null) {
                metrics.drop(DropReason.NO_TRACK);
                return;
            }
            track = bindSlot(peer, slot, ssrc);
        }
        int seq = PacketBytes.u16(p, 2);
        List<Integer> missing = track.received(seq);
        if (!missing.isEmpty()) {
            sendRtcp(peer, GenericNack.of(peer.rtcpSsrc, track.ssrc, missing));
            metrics.nacksSent.increment();
        }
        if (track.cache != null) {
            track.cache.put(seq, p, 0, n);
        }
        for (int i = 0, size = track.subscribers.size(); i < size; i++) {
            DownstreamSection d = track.subscribers.get(i);
            if (d.announced && d.subscriber.connected()) {
                try {
                    forward(d, p, n);
                } catch (RuntimeException e) {
                    // One subscriber's failure must not cost the others this packet.
                    internalError("forwarding to " + d.subscriber.id, e);
                }
            }
        }
    }

    /** Rewrites one plaintext RTP packet for a section and sends it, protected with the subscriber's keys. */
    private void forward(DownstreamSection d, byte[] p, int n) {
        int length = PacketBytes.rewrite(d, p, n, out);
        if (length < 0) {
            metrics.drop(DropReason.MALFORMED);
            return;
        }
        try {
            int protectedLength = d.subscriber.sender.protectRtp(out, 0, length, encrypted, 0);
            if (sendTo(d.subscriber, encrypted, protectedLength)) {
                metrics.rtpOut.increment();
            }
        } catch (SrtpException e) {
            metrics.drop(DropReason.SRTP);
        }
    }

    private void onRtcp(Peer peer, byte[] p, int n) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpCompound.parse(p, 0, n);
        } catch (RtpParseException e) {
            metrics.drop(DropReason.MALFORMED);
            return;
        }
        for (RtcpPacket packet : packets) {
            switch (packet) {
                case SenderReport sr -> onSenderReport(peer, sr);
                case GenericNack nack -> onNack(peer, nack);
                case PictureLossIndication pli -> {
                    DownstreamSection d = peer.sectionsBySsrc.get(pli.mediaSsrc());
                    if (d != null) {
                        requestKeyframe(d.track);
                    }
                }
                case FullIntraRequest fir -> {
                    for (FullIntraRequest.Entry e : fir.entries()) {
                        DownstreamSection d = peer.sectionsBySsrc.get(e.ssrc());
                        if (d != null) {
                            requestKeyframe(d.track);
                        }
                    }
                }
                default -> {
                    // Receiver reports, SDES, BYE, REMB, transport-cc: the SFU terminates them.
                }
            }
        }
    }

    private void onSenderReport(Peer peer, SenderReport sr) {
        UpstreamTrack track = peer.publishedBySsrc.get(sr.ssrc());
        if (track == null) {
            return;
        }
        track.lastSenderReportNtpMiddle = (sr.ntpTimestamp() >>> 16) & 0xffff_ffffL;
        track.lastSenderReportNanos = nowNanos;
        for (DownstreamSection d : track.subscribers) {
            if (d.announced && d.subscriber.connected() && d.rewriter.sourceSsrc() == track.ssrc) {
                sendRtcp(d.subscriber, new SenderReport(d.outSsrc, sr.ntpTimestamp(),
                        d.rewriter.reportTimestamp(sr.rtpTimestamp()), sr.packetCount(), sr.octetCount(), List.of()));
            }
        }
    }

    private void onNack(Peer subscriber, GenericNack nack) {
        DownstreamSection d = subscriber.sectionsBySsrc.get(nack.mediaSsrc());
        metrics.nacksReceived.increment();
        if (d == null || d.track == null || d.track.cache == null) {
            return;
        }
        if (d.resends == null) {
            d.resends = new ResendHistory(UpstreamTrack.CACHE_PACKETS);
        }
        for (int seq : nack.lostSequenceNumbers()) {
            int source = d.rewriter.sourceSequence(seq);
            if (!d.track.cache.contains(source)) {
                continue;
            }
            if (!d.resends.mayResend(seq, nowNanos) || !subscriber.retransmissionBudget.take(nowNanos)) {
                metrics.drop(DropReason.NACK_LIMITED);
                continue;
            }
            int length = d.track.cache.get(source, retransmit);
            forward(d, retransmit, length);
            metrics.retransmissions.increment();
        }
    }

    private void requestKeyframe(UpstreamTrack track) {
        if (track == null || !track.source.isVideo() || !track.mayRequestKeyframe(nowNanos)) {
            return;
        }
        if (sendRtcp(track.publisher, new PictureLossIndication(track.publisher.rtcpSsrc, track.ssrc))) {
            metrics.keyframeRequests.increment();
        }
    }

    // ---- time --------------------------------------------------------------------------------------------------

    /** Consent, DTLS timeouts and receiver reports; call every 100 ms or so. */
    void tick() {
        boolean report = nowNanos - nextReportNanos >= 0;
        if (report) {
            nextReportNanos = nowNanos + REPORT_INTERVAL_NANOS;
        }
        for (SfuRoom room : List.copyOf(rooms.values())) {
            for (Peer peer : List.copyOf(room.peers.values())) {
                for (IceEvent e : peer.ice.tick(nowMillis)) {
                    if (e instanceof IceEvent.ConsentExpired) {
                        metrics.consentExpiries.increment();
                        closePeer(peer, "ICE consent expired");
                    }
                }
                if (peer.closed) {
                    continue;
                }
                if (peer.dtls != null) {
                    peer.dtls.tick(nowMillis);
                }
                if (report && peer.connected() && !peer.published.isEmpty()) {
                    List<ReportBlock> blocks = new ArrayList<>();
                    for (UpstreamTrack t : peer.published.values()) {
                        ReportBlock b = t.reportBlock(nowNanos);
                        if (b != null) {
                            blocks.add(b);
                        }
                    }
                    if (!blocks.isEmpty()) {
                        sendRtcp(peer, new ReceiverReport(peer.rtcpSsrc, blocks));
                    }
                }
            }
            dropIfEmpty(room);
        }
    }

    // ---- peers, tracks, sections -------------------------------------------------------------------------------

    private void startDtls(Peer peer, DtlsRole role, CertificateFingerprint fingerprint) {
        DtlsOutput output = new DtlsOutput() {
            @Override
            public void send(byte[] datagram) {
                post.accept(() -> {
                    if (!peer.closed) {
                        sendDtls(peer, datagram);
                    }
                });
            }

            @Override
            public void event(DtlsEvent event) {
                post.accept(() -> onDtlsEvent(peer, event));
            }
        };
        peer.dtls = dtlsFactory.start(role, fingerprint, output, nowMillis);
        for (byte[] early : peer.earlyDtls) {
            peer.dtls.receive(early, 0, early.length, nowMillis);
        }
        peer.earlyDtls.clear();
    }

    private void onDtlsEvent(Peer peer, DtlsEvent event) {
        if (peer.closed) {
            return;
        }
        switch (event) {
            case DtlsEvent.HandshakeComplete done -> {
                peer.sender = done.keys().newSenderContext();
                peer.receiver = done.keys().newReceiverContext();
                metrics.handshakes.increment();
                metrics.connectedTransports++;
                log.debug("SFU connection of {} is up ({} ms handshake, {})", peer.id, done.handshakeMillis(),
                        done.keys().profile());
                for (DownstreamSection d : peer.sections) {
                    if (d.announced && d.track != null) {
                        requestKeyframe(d.track);
                    }
                }
                // The handshake needs both ways, so its address is one the peer really receives on.
                peer.mediaAddress = peer.dtlsSource;
                for (Peer.EarlyPacket early : peer.earlySrtp) {
                    onSrtp(early.bytes(), early.bytes().length, early.source());
                }
                peer.earlySrtp.clear();
            }
            case DtlsEvent.Failed failed -> {
                metrics.handshakeFailures.increment();
                log.info("SFU connection of {} failed: {}", peer.id, failed.reason());
                closePeer(peer, failed.reason());
            }
            case DtlsEvent.Closed closed -> closePeer(peer, closed.reason());
        }
    }

    private UpstreamTrack bindSlot(Peer peer, Source source, long ssrc) {
        UpstreamTrack old = peer.published.get(source);
        if (old != null && old.ssrc == ssrc) {
            return old;
        }
        UpstreamTrack track = new UpstreamTrack(peer, source, ssrc);
        if (old != null) {
            peer.publishedBySsrc.remove(old.ssrc);
        }
        peer.published.put(source, track);
        peer.publishedBySsrc.put(ssrc, track);
        for (Peer other : peer.room.peers.values()) {
            DownstreamSection d = other == peer ? null : other.sectionCarrying(peer.id, source);
            if (d != null) {
                d.track = track;
                track.subscribers.add(d);
            }
        }
        metrics.tracks = countTracks();
        return track;
    }

    private void addSection(Peer subscriber, String publisherId, Source source) {
        if (subscriber.sectionCarrying(publisherId, source) != null) {
            return;
        }
        DownstreamSection d = subscriber.sectionFor(source.kind());
        d.publisherId = publisherId;
        d.source = source;
        d.announced = false;
        long ssrc = randomSsrc();
        while (subscriber.sectionsBySsrc.containsKey(ssrc)) {
            ssrc = randomSsrc();
        }
        d.outSsrc = ssrc;
        d.trackId = publisherId + "-" + source.wire() + "-" + (++trackIds);
        subscriber.sectionsBySsrc.put(ssrc, d);
        Peer publisher = subscriber.room.peers.get(publisherId);
        UpstreamTrack track = publisher == null ? null : publisher.published.get(source);
        if (track != null) {
            d.track = track;
            track.subscribers.add(d);
        }
    }

    private void removeSection(DownstreamSection d) {
        if (d.track != null) {
            d.track.subscribers.remove(d);
        }
        d.subscriber.sectionsBySsrc.remove(d.outSsrc);
        if (d.subscriber.sender != null) {
            // The SSRC is never sent again (the next track gets a new one): free its SRTP state (RFC 3711 §3.2.3).
            d.subscriber.sender.forget(d.outSsrc);
        }
        d.publisherId = null;
        d.source = null;
        d.track = null;
        d.trackId = null;
        d.announced = false;
    }

    private void closePeer(Peer peer, String why) {
        if (peer.closed) {
            return;
        }
        boolean wasConnected = peer.connected();
        peer.closed = true;
        SfuRoom room = peer.room;
        room.peers.remove(peer.id, peer);
        byUfrag.remove(peer.credentials.ufrag(), peer);
        for (InetSocketAddress a : peer.validated) {
            byAddress.remove(a, peer);
        }
        offeredTracks.remove(peer);
        offeredMids.remove(peer);
        peer.ice.close();
        if (peer.dtls != null) {
            peer.dtls.close();
        }
        metrics.transports--;
        if (wasConnected) {
            metrics.connectedTransports--;
        }
        for (DownstreamSection d : peer.sections) {
            if (d.track != null) {
                d.track.subscribers.remove(d);
            }
        }
        for (Peer other : room.peers.values()) {
            boolean changed = false;
            for (DownstreamSection d : other.sections) {
                if (peer.id.equals(d.publisherId)) {
                    removeSection(d);
                    changed = true;
                }
            }
            if (changed) {
                requestOffer(other);
            }
        }
        metrics.tracks = countTracks();
        chooseVideoCodec(room);
        log.debug("SFU connection of {} closed: {}", peer.id, why);
    }

    /**
     * The room's video codec: the preferred one when every connection that has answered accepted it, else VP8. A
     * change re-offers everyone with the new codec first, so publishers switch to it.
     */
    private void chooseVideoCodec(SfuRoom room) {
        String preferred = settings.preferredVideoCodec();
        boolean everyone = true;
        for (Peer p : room.peers.values()) {
            if (p.answeredOnce && !p.videoCodecs.contains(preferred)) {
                everyone = false;
            }
        }
        String codec = everyone ? preferred : "VP8";
        if (!codec.equals(room.videoCodec)) {
            log.debug("Room {} sends video as {} now", room.name, codec);
            room.videoCodec = codec;
            for (Peer p : room.peers.values()) {
                requestOffer(p);
            }
        }
    }

    private void requestOffer(Peer peer) {
        if (peer.closed) {
            return;
        }
        if (peer.outstandingVersion != 0) {
            peer.dirty = true;
        } else {
            sendOffer(peer);
        }
    }

    private void sendOffer(Peer peer) {
        int version = ++peer.lastVersion;
        peer.outstandingVersion = version;
        peer.dirty = false;
        LocalTransport transport = new LocalTransport(peer.credentials.ufrag(), peer.credentials.password(),
                sdpFingerprint, candidates);
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

    private Peer peer(String roomName, String participantId) {
        SfuRoom room = rooms.get(roomName);
        return room == null ? null : room.peers.get(participantId);
    }

    private void dropIfEmpty(SfuRoom room) {
        if (room.peers.isEmpty() && room.sharing.isEmpty()) {
            rooms.remove(room.name, room);
        }
    }

    private int countTracks() {
        int n = 0;
        for (SfuRoom r : rooms.values()) {
            for (Peer p : r.peers.values()) {
                n += p.published.size();
            }
        }
        return n;
    }

    // ---- inspection (tests, metrics) -----------------------------------------------------------------------------

    /** Addresses that route to a connection: at most {@link #MAX_ADDRESSES} per connection. */
    int addressCount() {
        return byAddress.size();
    }

    /** SSRCs the participant's send context keeps SRTP state for, or -1 without a connected transport. */
    int senderStreams(String roomName, String participantId) {
        Peer peer = peer(roomName, participantId);
        return peer == null || peer.sender == null ? -1 : peer.sender.streamCount();
    }

        // ---- output ------------------------------------------------------------------------------------------------

    private boolean sendRtcp(Peer peer, RtcpPacket packet) {
        if (!peer.connected()) {
            return false;
        }
        int n = RtcpCompound.encode(List.of(packet), rtcpPlain, 0);
        try {
            int length = peer.sender.protectRtcp(rtcpPlain, 0, n, rtcpEncrypted, 0);
            if (sendTo(peer, rtcpEncrypted, length)) {
                metrics.rtcpOut.increment();
                return true;
            }
        } catch (SrtpException e) {
            metrics.drop(DropReason.SRTP);
        }
        return false;
    }

    /** SRTP and SRTCP go to the peer's media address only (never to one a check alone named). */
    private boolean sendTo(Peer peer, byte[] buf, int len) {
        return peer.mediaAddress != null && send(buf, 0, len, peer.mediaAddress);
    }

    /** DTLS goes where the handshake runs: before it, where ICE says (Chrome waits for our flight to nominate). */
    private void sendDtls(Peer peer, byte[] datagram) {
        InetSocketAddress to = peer.mediaAddress != null ? peer.mediaAddress : peer.ice.destination().orElse(null);
        if (to != null) {
            send(datagram, 0, datagram.length, to);
        }
    }

    private boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        if (sender.send(buf, off, len, to)) {
            metrics.bytesOut.add(len);
            return true;
        }
        metrics.drop(DropReason.SEND_FAILED);
        return false;
    }

    private long randomSsrc() {
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xffff_ffffL;
        } while (ssrc == 0);
        return ssrc;
    }
}
