package dev.parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One media section: the {@code m=} line and what follows it up to the next (RFC 8866 §5.14). Attributes this
 * package models are typed; the rest stay in {@link #otherAttributes()} and non-attribute lines ({@code i=},
 * {@code b=}, {@code k=}) in {@link #otherLines()}, so a parse followed by a write loses nothing but attribute order.
 *
 * @param kind             {@code audio}, {@code video}, {@code application}, or what else the line says
 * @param port             0 marks a rejected section unless {@link #bundleOnly()} (RFC 8843 §6)
 * @param formats          RTP payload types as text, or {@code webrtc-datachannel} for SCTP (RFC 8841 §4.1)
 * @param direction        null when the section names none, which means {@code sendrecv} (RFC 8866 §6.7)
 * @param sctpPort         {@code a=sctp-port} (RFC 8841 §5), null when absent
 * @param maxMessageSize   {@code a=max-message-size} (RFC 8841 §6), null when absent
 * @param transport        section-level ICE and DTLS attributes; see {@link SessionDescription#transportOf}
 */
public record MediaDescription(String kind, int port, String proto, List<String> formats, Connection connection,
        String mid, Direction direction, boolean bundleOnly, List<Msid> msids, List<SsrcAttribute> ssrcs,
        List<SsrcGroup> ssrcGroups, List<RtpMap> rtpMaps, List<Fmtp> fmtps, List<RtcpFb> rtcpFbs, boolean rtcpMux,
        boolean rtcpRsize, List<Extmap> extmaps, List<Rid> rids, Simulcast simulcast, TransportParameters transport,
        List<Candidate> candidates, boolean endOfCandidates, Integer sctpPort, Long maxMessageSize,
        List<Attribute> otherAttributes, List<String> otherLines) {

    public static final String AUDIO = "audio";
    public static final String VIDEO = "video";
    public static final String APPLICATION = "application";

    public MediaDescription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(transport, "transport");
        formats = List.copyOf(formats);
        msids = List.copyOf(msids);
        ssrcs = List.copyOf(ssrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
        rtpMaps = List.copyOf(rtpMaps);
        fmtps = List.copyOf(fmtps);
        rtcpFbs = List.copyOf(rtcpFbs);
        extmaps = List.copyOf(extmaps);
        rids = List.copyOf(rids);
        candidates = List.copyOf(candidates);
        otherAttributes = List.copyOf(otherAttributes);
        otherLines = List.copyOf(otherLines);
    }

    public static Builder builder(String kind, int port, String proto) {
        return new Builder(kind, port, proto);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Port 0 without {@code a=bundle-only}: the section is rejected or stopped (RFC 3264 §6, RFC 8843 §6). */
    public boolean isRejected() {
        return port == 0 && !bundleOnly;
    }

    /** An RTP profile: {@code UDP/TLS/RTP/SAVPF}, {@code RTP/SAVPF}, ... (RFC 8866 §5.14). */
    public boolean isRtp() {
        return proto.contains("RTP/");
    }

    /** SCTP over DTLS for data channels (RFC 8841 §4.1). */
    public boolean isDataChannel() {
        return proto.endsWith("DTLS/SCTP") && formats.contains("webrtc-datachannel");
    }

    public Direction effectiveDirection() {
        return direction == null ? Direction.SENDRECV : direction;
    }

    public Optional<RtpMap> rtpMap(int payloadType) {
        return rtpMaps.stream().filter(r -> r.payloadType() == payloadType).findFirst();
    }

    public Optional<Fmtp> fmtp(int payloadType) {
        return fmtps.stream().filter(f -> f.payloadType() == payloadType).findFirst();
    }

    /** The {@code a=rtcp-fb} lines for one payload type, wildcard lines included. */
    public List<RtcpFb> rtcpFbs(int payloadType) {
        return rtcpFbs.stream().filter(f -> f.payloadType() == payloadType || f.payloadType() == RtcpFb.ANY)
                .toList();
    }

    /** Distinct SSRCs named by {@code a=ssrc} lines, in order of first appearance. */
    public List<Long> ssrcIds() {
        return ssrcs.stream().map(SsrcAttribute::ssrc).distinct().toList();
    }

    /** The value of {@code a=ssrc:<ssrc> <name>:<value>}, if present. */
    public Optional<String> ssrcAttribute(long ssrc, String name) {
        return ssrcs.stream().filter(s -> s.ssrc() == ssrc && s.name().equals(name) && s.value() != null)
                .map(SsrcAttribute::value).findFirst();
    }

    public Optional<Attribute> otherAttribute(String name) {
        return otherAttributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Mutable builder; {@link #build()} copies. Not thread-safe. */
    public static final class Builder {
        private String kind;
        private int port;
        private String proto;
        private List<String> formats = new ArrayList<>();
        private Connection connection;
        private String mid;
        private Direction direction;
        private boolean bundleOnly;
        private final List<Msid> msids = new ArrayList<>();
        private final List<SsrcAttribute> ssrcs = new ArrayList<>();
        private final List<SsrcGroup> ssrcGroups = new ArrayList<>();
        private final List<RtpMap> rtpMaps = new ArrayList<>();
        private final List<Fmtp> fmtps = new ArrayList<>();
        private final List<RtcpFb> rtcpFbs = new ArrayList<>();
        private boolean rtcpMux;
        private boolean rtcpRsize;
        private final List<Extmap> extmaps = new ArrayList<>();
        private final List<Rid> rids = new ArrayList<>();
        private Simulcast simulcast;
        private TransportParameters transport = TransportParameters.NONE;
        private final List<Candidate> candidates = new ArrayList<>();
        private boolean endOfCandidates;
        private Integer sctpPort;
        private Long maxMessageSize;
        private final List<Attribute> otherAttributes = new ArrayList<>();
        private final List<String> otherLines = new ArrayList<>();

        Builder(String kind, int port, String proto) {
            this.kind = kind;
            this.port = port;
            this.proto = proto;
        }

        Builder(MediaDescription m) {
            this(m.kind, m.port, m.proto);
            formats.addAll(m.formats);
            connection = m.connection;
            mid = m.mid;
            direction = m.direction;
            bundleOnly = m.bundleOnly;
            msids.addAll(m.msids);
            ssrcs.addAll(m.ssrcs);
            ssrcGroups.addAll(m.ssrcGroups);
            rtpMaps.addAll(m.rtpMaps);
            fmtps.addAll(m.fmtps);
            rtcpFbs.addAll(m.rtcpFbs);
            rtcpMux = m.rtcpMux;
            rtcpRsize = m.rtcpRsize;
            extmaps.addAll(m.extmaps);
            rids.addAll(m.rids);
            simulcast = m.simulcast;
            transport = m.transport;
            candidates.addAll(m.candidates);
            endOfCandidates = m.endOfCandidates;
            sctpPort = m.sctpPort;
            maxMessageSize = m.maxMessageSize;
            otherAttributes.addAll(m.otherAttributes);
            otherLines.addAll(m.otherLines);
        }

        public Builder port(int p) {
            this.port = p;
            return this;
        }

        public Builder formats(List<String> f) {
            this.formats = new ArrayList<>(f);
            return this;
        }

        public Builder format(String f) {
            formats.add(f);
            return this;
        }

        public Builder connection(Connection c) {
            this.connection = c;
            return this;
        }

        public Builder mid(String m) {
            this.mid = m;
            return this;
        }

        public Builder direction(Direction d) {
            this.direction = d;
            return this;
        }

        public Builder bundleOnly(boolean b) {
            this.bundleOnly = b;
            return this;
        }

        public Builder msid(Msid m) {
            msids.add(m);
            return this;
        }

        public Builder ssrc(SsrcAttribute s) {
            ssrcs.add(s);
            return this;
        }

        public Builder ssrcGroup(SsrcGroup g) {
            ssrcGroups.add(g);
            return this;
        }

        public Builder rtpMap(RtpMap r) {
            rtpMaps.add(r);
            return this;
        }

        public Builder fmtp(Fmtp f) {
            fmtps.add(f);
            return this;
        }

        public Builder rtcpFb(RtcpFb f) {
            rtcpFbs.add(f);
            return this;
        }

        public Builder rtcpMux(boolean b) {
            this.rtcpMux = b;
            return this;
        }

        public Builder rtcpRsize(boolean b) {
            this.rtcpRsize = b;
            return this;
        }

        public Builder extmap(Extmap e) {
            extmaps.add(e);
            return this;
        }

        public Builder rid(Rid r) {
            rids.add(r);
            return this;
        }

        public Builder simulcast(Simulcast s) {
            this.simulcast = s;
            return this;
        }

        public Builder transport(TransportParameters t) {
            this.transport = Objects.requireNonNull(t);
            return this;
        }

        public TransportParameters transport() {
            return transport;
        }

        public Builder candidate(Candidate c) {
            candidates.add(c);
            return this;
        }

        public Builder endOfCandidates(boolean b) {
            this.endOfCandidates = b;
            return this;
        }

        public Builder sctpPort(Integer p) {
            this.sctpPort = p;
            return this;
        }

        public Builder maxMessageSize(Long s) {
            this.maxMessageSize = s;
            return this;
        }

        public Builder otherAttribute(Attribute a) {
            otherAttributes.add(a);
            return this;
        }

        public Builder otherLine(String line) {
            otherLines.add(line);
            return this;
        }

        /** Values already set, for the parser's duplicate checks. */
        public String mid() {
            return mid;
        }

        public Direction direction() {
            return direction;
        }

        public Integer sctpPort() {
            return sctpPort;
        }

        public Long maxMessageSize() {
            return maxMessageSize;
        }

        public Simulcast simulcast() {
            return simulcast;
        }

        public Connection connection() {
            return connection;
        }

        public boolean hasRtpMap(int payloadType) {
            return rtpMaps.stream().anyMatch(r -> r.payloadType() == payloadType);
        }

        public MediaDescription build() {
            return new MediaDescription(kind, port, proto, formats, connection, mid, direction, bundleOnly, msids,
                    ssrcs, ssrcGroups, rtpMaps, fmtps, rtcpFbs, rtcpMux, rtcpRsize, extmaps, rids, simulcast,
                    transport, candidates, endOfCandidates, sctpPort, maxMessageSize, otherAttributes, otherLines);
        }
    }
}
