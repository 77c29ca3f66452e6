package dev.parley.server.sfu;

import dev.parley.rooms.Membership;
import dev.parley.rooms.ParticipantView;
import dev.parley.rooms.RoomListener;
import dev.parley.rooms.RoomName;
import dev.parley.rooms.RoomRegistry;
import dev.parley.server.NetworkAddresses;
import dev.parley.server.ParleyMetrics;
import dev.parley.sfu.AnswerOutcome;
import dev.parley.sfu.DropReason;
import dev.parley.sfu.LatencyHistogram;
import dev.parley.sfu.Sfu;
import dev.parley.sfu.SfuListener;
import dev.parley.sfu.SfuMetrics;
import dev.parley.sfu.SfuOffer;
import dev.parley.sfu.SfuSettings;
import dev.parley.sfu.Source;
import dev.parley.signaling.ErrorCode;
import dev.parley.signaling.ServerMessage;
import dev.parley.signaling.SfuGateway;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Wires the SFU into the server: signaling requests go to it ({@link SfuGateway}), departures and screen-share state
 * from rooms go to it ({@link RoomListener}), and its offers go back to participants through rooms
 * ({@link SfuListener}). Its counters are exported as {@code parley_sfu_*} metrics.
 */
public final class EmbeddedSfu implements SfuGateway, RoomListener, SfuListener, AutoCloseable {

    private final RoomRegistry rooms;
    private final Sfu sfu;

    private EmbeddedSfu(RoomRegistry rooms, SfuSettings settings) throws IOException {
        this.rooms = rooms;
        this.sfu = Sfu.start(settings, this);
    }

    /**
     * Starts the SFU on {@code options.port()}, advertising {@code publicIp} if given, else the bind address, else
     * the machine's IPv4 LAN addresses and loopback.
     */
    public static EmbeddedSfu start(SfuOptions options, String bind, String publicIp, RoomRegistry rooms,
            ParleyMetrics metrics) throws IOException {
        InetAddress bindAddress = bind == null ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(bind);
        List<InetAddress> advertised = new ArrayList<>();
        if (publicIp != null) {
            advertised.add(InetAddress.getByName(publicIp));
        } else if (!bindAddress.isAnyLocalAddress()) {
            advertised.add(bindAddress);
        } else {
            NetworkAddresses.lanAddresses().stream().filter(a -> a instanceof Inet4Address).forEach(advertised::add);
            advertised.add(InetAddress.getLoopbackAddress());
        }
        EmbeddedSfu embedded = new EmbeddedSfu(rooms,
                new SfuSettings(bindAddress, options.port(), advertised, options.maxParticipants(), 30_000,
                        options.videoCodec()));
        rooms.listener(embedded);
        register(embedded.sfu.metrics(), metrics);
        return embedded;
    }

    public int port() {
        return sfu.port();
    }

    public SfuMetrics metrics() {
        return sfu.metrics();
    }

    // ---- SfuGateway (signaling threads) ----

    @Override
    public boolean connect(Membership membership) {
        RoomName room = membership.room();
        String id = membership.participantId();
        Set<String> sharing = rooms.roster(room.value()).stream().filter(p -> p.state().screenSharing())
                .map(ParticipantView::id).collect(Collectors.toSet());
        return sfu.connect(room.value(), id, sharing, message ->
                rooms.sendTo(room, id, new ServerMessage.Error(ErrorCode.SFU_UNAVAILABLE, message, null)));
    }

    @Override
    public CompletionStage<SfuGateway.Refusal> answer(Membership membership, int version, String sdp) {
        return sfu.answer(membership.room().value(), membership.participantId(), version, sdp)
                .thenApply(outcome -> outcome instanceof AnswerOutcome.Refused r
                        ? new SfuGateway.Refusal(errorCode(r.kind()), r.detail()) : null);
    }

    /** The wire code of each way an answer can be refused (docs/protocol.md, "Errors"). */
    static ErrorCode errorCode(AnswerOutcome.Refused.Kind kind) {
        return switch (kind) {
            case NO_CONNECTION, OVERLOADED -> ErrorCode.SFU_UNAVAILABLE;
            case BAD_SDP -> ErrorCode.BAD_SDP;
        };
    }

    // ---- RoomListener (under a room's lock: only posts) ----

    @Override
    public void participantLeft(RoomName room, String participantId) {
        sfu.leave(room.value(), participantId);
    }

    @Override
    public void stateChanged(RoomName room, ParticipantView participant) {
        sfu.screenSharing(room.value(), participant.id(), participant.state().screenSharing());
    }

    // ---- SfuListener (media loop) ----

    @Override
    public void offer(String room, String participantId, SfuOffer offer) {
        Map<String, String> slots = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            slots.put(s.wire(), offer.slots().get(s));
        }
        List<ServerMessage.SfuTrack> tracks = offer.tracks().stream()
                .map(t -> new ServerMessage.SfuTrack(t.mid(), t.participant(), t.source().wire())).toList();
        rooms.sendTo(new RoomName(room), participantId,
                new ServerMessage.SfuOffer(offer.version(), offer.sdp(), slots, tracks));
    }

    @Override
    public void close() {
        rooms.listener(null);
        sfu.close();
    }

    private static void register(SfuMetrics m, ParleyMetrics metrics) {
        metrics.gauge("parley.sfu.transports", "SFU connections (offered, connecting or connected)", m::transports);
        metrics.gauge("parley.sfu.transports.connected", "SFU connections with DTLS-SRTP up", m::connectedTransports);
        metrics.gauge("parley.sfu.tracks", "Tracks published to the SFU", m::tracks);
        metrics.counter("parley.sfu.rtp.packets.received", "RTP packets received by the SFU", m::rtpPacketsReceived);
        metrics.counter("parley.sfu.rtp.packets.sent", "RTP packets the SFU forwarded", m::rtpPacketsSent);
        metrics.counter("parley.sfu.rtcp.packets.received", "RTCP packets received by the SFU", m::rtcpPacketsReceived);
        metrics.counter("parley.sfu.rtcp.packets.sent", "RTCP packets the SFU sent", m::rtcpPacketsSent);
        metrics.counter("parley.sfu.bytes.received", "Bytes received on the SFU port", m::bytesReceived);
        metrics.counter("parley.sfu.bytes.sent", "Bytes sent from the SFU port", m::bytesSent);
        metrics.counter("parley.sfu.nacks.received", "NACKs received from subscribers", m::nacksReceived);
        metrics.counter("parley.sfu.nacks.sent", "NACKs sent to publishers", m::nacksSent);
        metrics.counter("parley.sfu.retransmissions", "Packets resent from the NACK cache", m::retransmissions);
        metrics.counter("parley.sfu.keyframe.requests", "PLIs sent to publishers", m::keyframeRequests);
        metrics.counter("parley.sfu.handshakes", "DTLS handshakes completed", m::handshakes);
        metrics.counter("parley.sfu.handshake.failures", "DTLS handshakes failed (wrong fingerprint among them)",
                m::handshakeFailures);
        metrics.counter("parley.sfu.consent.expiries", "SFU connections closed by ICE consent expiry",
                m::consentExpiries);
        metrics.counter("parley.sfu.offers", "Offers sent to participants", m::offers);
        metrics.counter("parley.sfu.transport.cc.packets", "Received RTP packets with a transport-wide sequence number",
                m::transportCcPackets);
        metrics.counter("parley.sfu.transport.cc.feedbacks", "Transport-cc feedback packets sent to publishers",
                m::transportCcFeedbacks);
        LatencyHistogram h = m.forwardingLatency();
        for (int i = 0; i <= LatencyHistogram.BOUNDS_SECONDS.length; i++) {
            int bucket = i;
            String le = i == LatencyHistogram.BOUNDS_SECONDS.length ? "+Inf"
                    : Double.toString(LatencyHistogram.BOUNDS_SECONDS[i]);
            metrics.counter("parley.sfu.forwarded.within", "RTP/RTCP datagrams whose last forwarded copy was sent "
                    + "within le seconds of their receive (cumulative)", () -> h.cumulativeCount(bucket), "le", le);
        }
        metrics.counter("parley.sfu.forwarding.busy.seconds", "Time spent from receive to last send, summed",
                h::sumSeconds);
        for (DropReason r : DropReason.values()) {
            metrics.counter("parley.sfu.dropped", "Datagrams and tasks the SFU dropped, by reason", () -> m.drops(r),
                    "reason", r.label().toLowerCase(Locale.ROOT));
        }
    }
}
