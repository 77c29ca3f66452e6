package dev.parley.sdp.internal;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Extmap;
import dev.parley.sdp.Group;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.TransportParameters;

/** Session-level {@code a=} lines. What is not modelled here is kept as an {@link Attribute}. */
final class SessionAttributes {

    private SessionAttributes() {}

    static void apply(SessionDescription.Builder s, String name, String value) throws SdpParseException {
        TransportParameters t = TransportAttributes.apply(s.transport(), name, value);
        if (t != null) {
            s.transport(t);
            return;
        }
        if (value == null) {
            switch (name) {
                case "ice-lite" -> s.iceLite(true);
                case "extmap-allow-mixed" -> s.extmapAllowMixed(true);
                default -> s.otherAttribute(Attribute.flag(name));
            }
            return;
        }
        switch (name) {
            case "group" -> s.group(Group.parse(value));
            case "msid-semantic" -> {
                if (s.msidSemantic() != null) {
                    throw SdpParseException.badValue("second a=msid-semantic");
                }
                // Chrome writes "a=msid-semantic: WMS", Firefox "a=msid-semantic:WMS *" (RFC 8830 §2 has no space).
                s.msidSemantic(value.strip());
            }
            case "extmap" -> s.extmap(Extmap.parse(value));
            default -> s.otherAttribute(new Attribute(name, value));
        }
    }
}
