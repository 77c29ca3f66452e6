package dev.parley.sfu;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsEvent;
import dev.parley.dtls.DtlsOutput;
import dev.parley.dtls.DtlsRole;
import dev.parley.ice.CheckResult;
import dev.parley.ice.CheckVerdict;
import dev.parley.ice.IceCredentials;
import dev.parley.ice.IceEvent;
import dev.parley.ice.IceLiteAgent;
import dev.parley.ice.IceSettings;
import dev.parley.srtp.SrtpException;
import dev.parley.stun.PacketKind;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU on the media loop thread (docs/media.md, "The SFU"): rooms and their peers, the demultiplexing of datagrams
 * (RFC 7983), the receive side (ICE, DTLS, SRTP, upstream tracks) and the fan-out to sections. It assembles the
 * stages that have a class of their own: {@link PeerRoutes} (which connection a datagram is for), {@link Negotiator}
 * (offer/answer), {@link RtcpTerminator} (NACK, PLI, reports), {@link PublisherCaps} (REMB caps) and
 * {@link MediaOutput} (rewrite, protect, send). Sans-I/O: datagrams come in through {@link #onDatagram}, go out through {@link Sender}, time through {@link #clock}; DTLS handshakes through the
 * injected {@link DtlsFactory} and randomness (SSRCs, ICE credentials) from the injected generator, so a test drives
 * it all without sockets, threads or sleeps. Not thread-safe: every method runs on the loop; other threads post
 * through the {@code post} function (which may drop: DTLS datagrams are resent) and DTLS results through
 * {@code postEvent} (which never drops: a lost handshake result would leave a connection that never connects).
 */
final class SfuEngine {

    private static final Logger log = LoggerFactory.getLogger(SfuEngine.class);
    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;
    private static final int BUFFER = 2048;

    /** Where datagrams go; returns false when the socket refused one. */
    interface Sender {
        boolean send(byte[] buf, int off, int len, InetSocketAddress to);
    }

    private final SfuSettings settings;
    private final SfuMetrics metrics;
    private final Consumer<Runnable> post;
    private final Consumer<Runnable> postEvent;
    private final DtlsFactory dtlsFactory;
    private final RandomGenerator random;
    private final ErrorLog errors = new ErrorLog(log);
    private final Map<String, SfuRoom> rooms = new HashMap<>();
    private final PeerRoutes routes;
    private final MediaOutput output;
    private final RtcpTerminator rtcp;
    private final Negotiator negotiator;
    private final PublisherCaps caps;
    private final Negotiator.Effects effects = new Negotiator.Effects() {
        @Override
        public void startDtls(Peer peer, DtlsRole role, CertificateFingerprint fingerprint) {
            SfuEngine.this.startDtls(peer, role, fingerprint);
        }

        @Override
        public void bindSlot(Peer peer, Source slot, long ssrc) {
            SfuEngine.this.bindSlot(peer, slot, ssrc);
        }

        @Override
        public void announced(DownstreamSection d) {
            rtcp.requestKeyframe(d.track, nowNanos);
        }
    };

    private final byte[] plain = new byte[BUFFER];
    private long nowNanos;
    private long nowMillis;
    private long nextReportNanos;
    private long trackIds;

    SfuEngine(SfuSettings settings, SfuListener listener, SfuMetrics metrics, Sender sender, Consumer<Runnable> post,
            Consumer<Runnable> postEvent, DtlsFactory dtlsFactory, RandomGenerator random) {
        this.settings = settings;
        this.metrics = metrics;
        this.post = post;
        this.postEvent = postEvent;
        this.dtlsFactory = dtlsFactory;
        this.random = random;
        this.routes = new PeerRoutes(metrics);
        this.output = new MediaOutput(sender, metrics);
        this.rtcp = new RtcpTerminator(output, metrics);
        this.caps = new PublisherCaps(output);
        this.negotiator = new Negotiator(listener, metrics, dtlsFactory.localFingerprint(),
                settings.preferredVideoCodec());
    }

    /** The port the socket really listens on, for the candidates (known once bound). */
    void listening(int port) {
        negotiator.listening(settings.advertised(), port);
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
        while (routes.ufragTaken(credentials.ufrag())) {
            credentials = IceCredentials.generate(random);
        }
        IceLiteAgent ice = new IceLiteAgent(credentials, null,
                new IceSettings(settings.consentTimeoutMillis(), PeerRoutes.MAX_ADDRESSES), nowMillis);
        Peer peer = new Peer(room, participantId, credentials, ice, randomSsrc(), random.nextLong() & Long.MAX_VALUE,
                nowNanos);
        room.peers.put(participantId, peer);
        routes.register(peer);
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
            negotiator.requestOffer(other);
        }
        negotiator.requestOffer(peer);
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
        return negotiator.answer(peer, version, sdp, effects);
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
            negotiator.requestOffer(other);
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
        Peer peer = routes.forCheck(buf, len);
        if (peer == null) {
            metrics.drop(DropReason.BAD_STUN);
            return;
        }
        CheckResult result = peer.ice.handle(buf, 0, len, source, nowMillis);
        if (result.hasResponse()) {
            byte[] response = result.response();
            output.send(response, 0, response.length, source);
        }
        if (result.verdict() != CheckVerdict.ANSWERED) {
            metrics.drop(DropReason.BAD_STUN);
        }
        for (IceEvent e : result.events()) {
            if (e instanceof IceEvent.Validated v) {
                routes.route(peer, v.address());
            }
        }
    }

    private void onDtls(byte[] buf, int len, InetSocketAddress source) {
        Peer peer = routes.at(source);
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
        Peer peer = routes.at(source);
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
            this.rtcp.onRtcp(peer, plain, n, nowNanos);
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
        int transportSequence = PacketBytes.transportSequence(p, n);
        if (transportSequence >= 0) {
            peer.transportCc.record(transportSequence, nowNanos / 1000);
            metrics.transportCcPackets.increment();
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
            rtcp.nack(track, missing);
        }
        if (track.cache != null) {
            track.cache.put(seq, p, 0, n);
        }
        for (int i = 0, size = track.subscribers.size(); i < size; i++) {
            DownstreamSection d = track.subscribers.get(i);
            if (d.announced && d.subscriber.connected()) {
                try {
                    output.forward(d, p, n);
                } catch (RuntimeException e) {
                    // One subscriber's failure must not cost the others this packet.
                    internalError("forwarding to " + d.subscriber.id, e);
                }
            }
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
                if (peer.connected()) {
                    rtcp.transportCcFeedback(peer);
                }
                if (report && peer.connected() && !peer.published.isEmpty()) {
                    rtcp.receiverReport(peer, nowNanos);
                }
            }
            if (report) {
                caps.apply(room);
            }
            dropIfEmpty(room);
        }
    }

    // ---- peers, tracks, sections -------------------------------------------------------------------------------

    private void startDtls(Peer peer, DtlsRole role, CertificateFingerprint fingerprint) {
        DtlsOutput toLoop = new DtlsOutput() {
            @Override
            public void send(byte[] datagram) {
                post.accept(() -> {
                    if (!peer.closed) {
                        SfuEngine.this.output.sendDtls(peer, datagram);
                    }
                });
            }

            @Override
            public void event(DtlsEvent event) {
                postEvent.accept(() -> onDtlsEvent(peer, event));
            }
        };
        peer.dtls = dtlsFactory.start(role, fingerprint, toLoop, nowMillis);
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
                        rtcp.requestKeyframe(d.track, nowNanos);
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
        routes.forget(peer);
        negotiator.forget(peer);
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
                negotiator.requestOffer(other);
            }
        }
        metrics.tracks = countTracks();
        negotiator.chooseVideoCodec(room);
        log.debug("SFU connection of {} closed: {}", peer.id, why);
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

    /** Addresses that route to a connection: at most {@link PeerRoutes#MAX_ADDRESSES} per connection. */
    int addressCount() {
        return routes.addressCount();
    }

    /** The participant's connection, for tests. */
    Peer peerForTests(String roomName, String participantId) {
        return peer(roomName, participantId);
    }

    /** SSRCs the participant's send context keeps SRTP state for, or -1 without a connected transport. */
    int senderStreams(String roomName, String participantId) {
        Peer peer = peer(roomName, participantId);
        return peer == null || peer.sender == null ? -1 : peer.sender.streamCount();
    }

        // ---- output ------------------------------------------------------------------------------------------------

    private long randomSsrc() {
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xffff_ffffL;
        } while (ssrc == 0);
        return ssrc;
    }
}
