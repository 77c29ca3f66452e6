package dev.parley.sdp.internal;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Candidate;
import dev.parley.sdp.Extmap;
import dev.parley.sdp.Fingerprint;
import dev.parley.sdp.Fmtp;
import dev.parley.sdp.Group;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.Msid;
import dev.parley.sdp.Rid;
import dev.parley.sdp.RtcpFb;
import dev.parley.sdp.RtpMap;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.SsrcAttribute;
import dev.parley.sdp.SsrcGroup;
import dev.parley.sdp.TransportParameters;
import java.util.List;

/**
 * Writes a description as CRLF-terminated lines in the order RFC 8866 §5 fixes for the line types
 * ({@code v o s i u e p c b t r z k a}, then per section {@code m i c b k a}). Attributes come in a fixed order too;
 * within one kind the model's order is kept, so a written description parses back to an equal one.
 */
public final class SdpWriter {

    private static final String CRLF = "\r\n";

    private final StringBuilder out = new StringBuilder(4096);

    private SdpWriter() {}

    public static String write(SessionDescription d) {
        SdpWriter w = new SdpWriter();
        w.session(d);
        for (MediaDescription m : d.media()) {
            w.media(m);
        }
        return w.out.toString();
    }

    private void session(SessionDescription d) {
        line("v=" + d.version());
        line("o=" + d.origin().encode());
        line("s=" + d.sessionName());
        otherLines(d.otherLines(), "iuep");
        if (d.connection() != null) {
            line("c=" + d.connection().encode());
        }
        otherLines(d.otherLines(), "b");
        line("t=" + d.timing());
        // r, z, k and repeated t belong here; any letter RFC 8866 does not define is kept here too.
        otherLinesExcept(d.otherLines(), "iuepb");
        for (Group g : d.groups()) {
            attribute("group", g.encode());
        }
        if (d.extmapAllowMixed()) {
            flag("extmap-allow-mixed");
        }
        if (d.msidSemantic() != null) {
            attribute("msid-semantic", d.msidSemantic());
        }
        if (d.iceLite()) {
            flag("ice-lite");
        }
        transport(d.transport());
        for (Extmap e : d.extmaps()) {
            attribute("extmap", e.encode());
        }
        others(d.otherAttributes());
    }

    private void media(MediaDescription m) {
        line("m=" + m.kind() + " " + m.port() + " " + m.proto() + " " + String.join(" ", m.formats()));
        otherLines(m.otherLines(), "i");
        if (m.connection() != null) {
            line("c=" + m.connection().encode());
        }
        otherLines(m.otherLines(), "bk");
        // Lines of other letters have no place in a media section; keep them rather than lose them.
        otherLinesExcept(m.otherLines(), "ibk");
        if (m.mid() != null) {
            attribute("mid", m.mid());
        }
        if (m.bundleOnly()) {
            flag("bundle-only");
        }
        transport(m.transport());
        if (m.direction() != null) {
            flag(m.direction().token());
        }
        for (Msid msid : m.msids()) {
            attribute("msid", msid.encode());
        }
        if (m.rtcpMux()) {
            flag("rtcp-mux");
        }
        if (m.rtcpRsize()) {
            flag("rtcp-rsize");
        }
        for (Extmap e : m.extmaps()) {
            attribute("extmap", e.encode());
        }
        formats(m);
        simulcast(m);
        ssrcs(m);
        candidates(m);
        if (m.sctpPort() != null) {
            attribute("sctp-port", m.sctpPort().toString());
        }
        if (m.maxMessageSize() != null) {
            attribute("max-message-size", m.maxMessageSize().toString());
        }
        others(m.otherAttributes());
    }

    /**
     * Per payload type {@code rtpmap}, {@code rtcp-fb}, {@code fmtp}, as Chrome writes them, when that keeps every
     * list's order; otherwise (Firefox groups by attribute) each kind as one block.
     */
    private void formats(MediaDescription m) {
        if (interleavable(m)) {
            for (RtpMap r : m.rtpMaps()) {
                attribute("rtpmap", r.encode());
                m.rtcpFbs().stream().filter(f -> f.payloadType() == r.payloadType())
                        .forEach(f -> attribute("rtcp-fb", f.encode()));
                m.fmtps().stream().filter(f -> f.payloadType() == r.payloadType())
                        .forEach(f -> attribute("fmtp", f.encode()));
            }
            return;
        }
        m.rtpMaps().forEach(r -> attribute("rtpmap", r.encode()));
        m.rtcpFbs().forEach(f -> attribute("rtcp-fb", f.encode()));
        m.fmtps().forEach(f -> attribute("fmtp", f.encode()));
    }

    private static boolean interleavable(MediaDescription m) {
        List<Integer> order = m.rtpMaps().stream().map(RtpMap::payloadType).toList();
        return ordered(order, m.fmtps().stream().map(Fmtp::payloadType).toList())
                && ordered(order, m.rtcpFbs().stream().map(RtcpFb::payloadType).toList());
    }

    /** True when every item's payload type has an rtpmap and their rtpmap positions never go backwards. */
    private static boolean ordered(List<Integer> order, List<Integer> pts) {
        int last = -1;
        for (int pt : pts) {
            int index = order.indexOf(pt);
            if (index < last || index < 0) {
                return false;
            }
            last = index;
        }
        return true;
    }

    private void simulcast(MediaDescription m) {
        for (Rid r : m.rids()) {
            attribute("rid", r.encode());
        }
        if (m.simulcast() != null) {
            attribute("simulcast", m.simulcast().encode());
        }
    }

    private void ssrcs(MediaDescription m) {
        for (SsrcGroup g : m.ssrcGroups()) {
            attribute("ssrc-group", g.encode());
        }
        for (SsrcAttribute s : m.ssrcs()) {
            attribute("ssrc", s.encode());
        }
    }

    private void candidates(MediaDescription m) {
        for (Candidate c : m.candidates()) {
            attribute("candidate", c.encode());
        }
        if (m.endOfCandidates()) {
            flag("end-of-candidates");
        }
    }

    private void transport(TransportParameters t) {
        if (t.iceUfrag() != null) {
            attribute("ice-ufrag", t.iceUfrag());
        }
        if (t.icePwd() != null) {
            attribute("ice-pwd", t.icePwd());
        }
        if (!t.iceOptions().isEmpty()) {
            attribute("ice-options", String.join(" ", t.iceOptions()));
        }
        for (Fingerprint f : t.fingerprints()) {
            attribute("fingerprint", f.encode());
        }
        if (t.setup() != null) {
            attribute("setup", t.setup().token());
        }
    }

    private void others(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            line("a=" + a.encode());
        }
    }

    private void otherLines(List<String> lines, String types) {
        for (String l : lines) {
            if (types.indexOf(l.charAt(0)) >= 0) {
                line(l);
            }
        }
    }

    private void otherLinesExcept(List<String> lines, String types) {
        for (String l : lines) {
            if (types.indexOf(l.charAt(0)) < 0) {
                line(l);
            }
        }
    }

    private void attribute(String name, String value) {
        line("a=" + name + ":" + value);
    }

    private void flag(String name) {
        line("a=" + name);
    }

    private void line(String l) {
        out.append(l).append(CRLF);
    }
}
