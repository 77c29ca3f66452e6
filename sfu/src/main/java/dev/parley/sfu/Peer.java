package dev.parley.sfu;

import dev.parley.ice.IceCredentials;
import dev.parley.ice.IceLiteAgent;
import dev.parley.srtp.SrtpContext;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One participant's SFU connection: its ICE-lite agent, DTLS endpoint and SRTP contexts, the tracks it publishes in
 * its three slots, the sections it receives others' tracks in, and where its negotiation stands. Not thread-safe:
 * owned by the media loop (the DTLS endpoint's own thread only posts back to the loop).
 */
final class Peer {

    /** DTLS datagrams kept while the answer (and with it the peer's fingerprint) has not arrived. */
    static final int EARLY_DTLS_MAX = 8;

    final SfuRoom room;
    final String id;
    final IceCredentials credentials;
    final IceLiteAgent ice;
    /** A random SSRC this peer's RTCP is sent from. */
    final long rtcpSsrc;

    DtlsSession dtls;
    SrtpContext sender;
    SrtpContext receiver;
    boolean closed;
    final ArrayDeque<byte[]> earlyDtls = new ArrayDeque<>();
    /**
     * SRTP that arrived after the browser finished its side of the handshake but before ours was processed; replayed
     * once the keys are known, so the first video frame (a keyframe) is not lost.
     */
    final ArrayDeque<EarlyPacket> earlySrtp = new ArrayDeque<>();
    static final int EARLY_SRTP_MAX = 64;

    /** An SRTP datagram kept until the keys are known, with the address it came from. */
    record EarlyPacket(byte[] bytes, InetSocketAddress source) {
    }
    /**
     * Addresses whose checks this peer's agent answered and that route to this peer, oldest first; at most the
     * agent's own cap ({@code IceSettings.maxRemoteAddresses}), so the engine's address map cannot outgrow it.
     */
    final LinkedHashSet<InetSocketAddress> validated = new LinkedHashSet<>();
    /** The address DTLS last came from: where the handshake runs. */
    InetSocketAddress dtlsSource;
    /**
     * Where SRTP and SRTCP go: the handshake's address, then the source of the latest authenticated SRTP or SRTCP.
     * A check alone (whose source can be forged) never moves it.
     */
    InetSocketAddress mediaAddress;
    /** What this peer's downlink carries, from its receiver reports (DownlinkEstimate). */
    final DownlinkEstimate downlink = new DownlinkEstimate();
    /** Bytes of SRTP and SRTCP the SFU has sent this peer. */
    long bytesSent;
    /** Unconstrained REMBs still to send this peer as a publisher, to lift a cap it was sent. */
    int liftsDue;
    /** Arrival times of this peer's packets, for the transport-cc feedback sent to it. */
    final TransportCcRecorder transportCc = new TransportCcRecorder();
    /** Retransmissions this peer may still receive (a budget refilled over time). */
    final PacketBudget retransmissionBudget;

    /** What the peer's answer said each slot's SSRC is, and the tracks made of them. */
    final EnumMap<Source, UpstreamTrack> published = new EnumMap<>(Source.class);
    final Map<Long, UpstreamTrack> publishedBySsrc = new HashMap<>();

    /** Sections carrying others' tracks, in mid order; mids start at 3 (0-2 are the slots). */
    final List<DownstreamSection> sections = new ArrayList<>();
    final Map<Long, DownstreamSection> sectionsBySsrc = new HashMap<>();

    /** The version of the offer awaiting an answer, or 0. */
    int outstandingVersion;
    int lastVersion;
    /** Something changed while an offer was outstanding: offer again when the answer arrives. */
    boolean dirty;
    boolean answeredOnce;
    /** Video codecs (upper case) the peer's last answer accepted; empty before the first answer. */
    java.util.Set<String> videoCodecs = java.util.Set.of();
    final long sessionId;

    /**
     * Retransmissions per second a subscriber may get: a 2.5 Mbit/s video is about 260 packets/s, so this repairs
     * it through more than a third of its packets lost, yet caps what a hostile NACK stream can make the SFU send.
     */
    static final int RETRANSMISSIONS_PER_SECOND = 100;
    static final int RETRANSMISSION_BURST = 200;

    Peer(SfuRoom room, String id, IceCredentials credentials, IceLiteAgent ice, long rtcpSsrc, long sessionId,
            long nowNanos) {
        this.retransmissionBudget = new PacketBudget(RETRANSMISSIONS_PER_SECOND, RETRANSMISSION_BURST, nowNanos);
        this.room = room;
        this.id = id;
        this.credentials = credentials;
        this.ice = ice;
        this.rtcpSsrc = rtcpSsrc;
        this.sessionId = sessionId;
    }

    boolean connected() {
        return sender != null && !closed;
    }

    /** A section for a new track of {@code kind}: an idle one of that kind if any, else a new mid. */
    DownstreamSection sectionFor(String kind) {
        for (DownstreamSection s : sections) {
            if (s.idle() && s.kind.equals(kind)) {
                return s;
            }
        }
        DownstreamSection s = new DownstreamSection(this, Integer.toString(3 + sections.size()), kind);
        sections.add(s);
        return s;
    }

    DownstreamSection sectionCarrying(String publisherId, Source source) {
        for (DownstreamSection s : sections) {
            if (publisherId.equals(s.publisherId) && s.source == source) {
                return s;
            }
        }
        return null;
    }
}
