package dev.parley.sdp;

import dev.parley.sdp.internal.SdpReader;
import dev.parley.sdp.internal.SdpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed session description (RFC 8866): session-level lines and attributes, then the media sections in order.
 * Immutable; build one with {@link #builder} or {@link #toBuilder}. {@link #parse} and {@link #encode} convert to and
 * from text; {@code parse(encode(d))} equals {@code d}.
 *
 * @param timing        the first {@code t=} value, {@code 0 0} for WebRTC (RFC 8829 §5.2.1)
 * @param connection    session-level {@code c=}, null when absent
 * @param msidSemantic  {@code a=msid-semantic} value such as {@code WMS *} (Chrome, Firefox), null when absent
 * @param iceLite       {@code a=ice-lite} (RFC 8839 §5.3)
 * @param extmapAllowMixed {@code a=extmap-allow-mixed} (RFC 8285 §6)
 * @param transport     session-level ICE and DTLS attributes
 * @param extmaps       session-level {@code a=extmap} lines (rare; browsers write them per section)
 */
public record SessionDescription(int version, Origin origin, String sessionName, String timing, Connection connection,
        List<Group> groups, String msidSemantic, boolean iceLite, boolean extmapAllowMixed,
        TransportParameters transport, List<Extmap> extmaps, List<Attribute> otherAttributes, List<String> otherLines,
        List<MediaDescription> media) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(transport, "transport");
        groups = List.copyOf(groups);
        extmaps = List.copyOf(extmaps);
        otherAttributes = List.copyOf(otherAttributes);
        otherLines = List.copyOf(otherLines);
        media = List.copyOf(media);
    }

    /** Parses with {@link SdpLimits#DEFAULT}. */
    public static SessionDescription parse(String text) throws SdpParseException {
        return parse(text, SdpLimits.DEFAULT);
    }

    /** Parses CRLF- or LF-terminated text, refusing anything beyond {@code limits}. */
    public static SessionDescription parse(String text, SdpLimits limits) throws SdpParseException {
        return new SdpReader(limits).read(text);
    }

    /** The text, CRLF-terminated lines in RFC 8866 §5 order. */
    public String encode() {
        return SdpWriter.write(this);
    }

    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The first {@code a=group:BUNDLE}, if any. */
    public Optional<Group> bundleGroup() {
        return groups.stream().filter(Group::isBundle).findFirst();
    }

    public Optional<MediaDescription> media(String mid) {
        return media.stream().filter(m -> mid.equals(m.mid())).findFirst();
    }

    /** A section's ICE and DTLS parameters with session-level values filling the gaps. */
    public TransportParameters transportOf(MediaDescription m) {
        return m.transport().orElse(transport);
    }

    /** Mutable builder; {@link #build()} copies. Not thread-safe. */
    public static final class Builder {
        private int version;
        private Origin origin;
        private String sessionName = "-";
        private String timing = "0 0";
        private Connection connection;
        private final List<Group> groups = new ArrayList<>();
        private String msidSemantic;
        private boolean iceLite;
        private boolean extmapAllowMixed;
        private TransportParameters transport = TransportParameters.NONE;
        private final List<Extmap> extmaps = new ArrayList<>();
        private final List<Attribute> otherAttributes = new ArrayList<>();
        private final List<String> otherLines = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        Builder(Origin origin) {
            this.origin = origin;
        }

        Builder(SessionDescription d) {
            this(d.origin);
            version = d.version;
            sessionName = d.sessionName;
            timing = d.timing;
            connection = d.connection;
            groups.addAll(d.groups);
            msidSemantic = d.msidSemantic;
            iceLite = d.iceLite;
            extmapAllowMixed = d.extmapAllowMixed;
            transport = d.transport;
            extmaps.addAll(d.extmaps);
            otherAttributes.addAll(d.otherAttributes);
            otherLines.addAll(d.otherLines);
            media.addAll(d.media);
        }

        public Builder version(int v) {
            this.version = v;
            return this;
        }

        public Builder origin(Origin o) {
            this.origin = o;
            return this;
        }

        public Builder sessionName(String s) {
            this.sessionName = s;
            return this;
        }

        public Builder timing(String t) {
            this.timing = t;
            return this;
        }

        public Builder connection(Connection c) {
            this.connection = c;
            return this;
        }

        public Builder group(Group g) {
            groups.add(g);
            return this;
        }

        public Builder msidSemantic(String s) {
            this.msidSemantic = s;
            return this;
        }

        public Builder iceLite(boolean b) {
            this.iceLite = b;
            return this;
        }

        public Builder extmapAllowMixed(boolean b) {
            this.extmapAllowMixed = b;
            return this;
        }

        public Builder transport(TransportParameters t) {
            this.transport = Objects.requireNonNull(t);
            return this;
        }

        public TransportParameters transport() {
            return transport;
        }

        public Builder extmap(Extmap e) {
            extmaps.add(e);
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

        public Builder media(MediaDescription m) {
            media.add(m);
            return this;
        }

        public Builder clearMedia() {
            media.clear();
            return this;
        }

        public String msidSemantic() {
            return msidSemantic;
        }

        public Connection connection() {
            return connection;
        }

        public SessionDescription build() {
            return new SessionDescription(version, origin, sessionName, timing, connection, groups, msidSemantic,
                    iceLite, extmapAllowMixed, transport, extmaps, otherAttributes, otherLines, media);
        }
    }
}
