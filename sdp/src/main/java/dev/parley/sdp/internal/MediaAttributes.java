package dev.parley.sdp.internal;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Candidate;
import dev.parley.sdp.Direction;
import dev.parley.sdp.Extmap;
import dev.parley.sdp.Fmtp;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.Msid;
import dev.parley.sdp.Rid;
import dev.parley.sdp.RtcpFb;
import dev.parley.sdp.RtpMap;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.Simulcast;
import dev.parley.sdp.SsrcAttribute;
import dev.parley.sdp.SsrcGroup;
import dev.parley.sdp.TransportParameters;

/** Media-level {@code a=} lines. What is not modelled here is kept as an {@link Attribute}. */
final class MediaAttributes {

    private MediaAttributes() {}

    static void apply(MediaDescription.Builder m, String name, String value) throws SdpParseException {
        TransportParameters t = TransportAttributes.apply(m.transport(), name, value);
        if (t != null) {
            m.transport(t);
        } else if (value == null) {
            flag(m, name);
        } else {
            valued(m, name, value);
        }
    }

    private static void flag(MediaDescription.Builder m, String name) throws SdpParseException {
        Direction d = Direction.fromAttribute(name);
        if (d != null) {
            if (m.direction() != null) {
                throw SdpParseException.badValue("second direction attribute");
            }
            m.direction(d);
            return;
        }
        switch (name) {
            case "rtcp-mux" -> m.rtcpMux(true);
            case "rtcp-rsize" -> m.rtcpRsize(true);
            case "bundle-only" -> m.bundleOnly(true);
            case "end-of-candidates" -> m.endOfCandidates(true);
            default -> m.otherAttribute(Attribute.flag(name));
        }
    }

    private static void valued(MediaDescription.Builder m, String name, String value) throws SdpParseException {
        switch (name) {
            case "mid" -> {
                if (m.mid() != null) {
                    throw SdpParseException.badValue("second a=mid");
                }
                // RFC 5888 §4: identification-tag = token.
                m.mid(Fields.token(value.strip(), "mid"));
            }
            case "msid" -> m.msid(Msid.parse(value));
            case "ssrc" -> m.ssrc(SsrcAttribute.parse(value));
            case "ssrc-group" -> m.ssrcGroup(SsrcGroup.parse(value));
            case "rtpmap" -> rtpMap(m, RtpMap.parse(value));
            case "fmtp" -> m.fmtp(Fmtp.parse(value));
            case "rtcp-fb" -> m.rtcpFb(RtcpFb.parse(value));
            case "extmap" -> m.extmap(Extmap.parse(value));
            case "rid" -> m.rid(Rid.parse(value));
            case "simulcast" -> {
                if (m.simulcast() != null) {
                    throw SdpParseException.badValue("second a=simulcast");
                }
                m.simulcast(Simulcast.parse(value));
            }
            case "candidate" -> m.candidate(Candidate.parse(value));
            case "sctp-port" -> {
                if (m.sctpPort() != null) {
                    throw SdpParseException.badValue("second a=sctp-port");
                }
                m.sctpPort(Fields.integer(value.strip(), 0, 65535, "sctp-port"));
            }
            case "max-message-size" -> {
                if (m.maxMessageSize() != null) {
                    throw SdpParseException.badValue("second a=max-message-size");
                }
                // RFC 8841 §6: 0 means "no limit"; Firefox writes 1073741823.
                m.maxMessageSize(Fields.number(value.strip(), 0, Long.MAX_VALUE, "max-message-size"));
            }
            default -> m.otherAttribute(new Attribute(name, value));
        }
    }

    private static void rtpMap(MediaDescription.Builder m, RtpMap r) throws SdpParseException {
        if (m.hasRtpMap(r.payloadType())) {
            throw SdpParseException.badValue("second a=rtpmap for payload type " + r.payloadType());
        }
        m.rtpMap(r);
    }
}
