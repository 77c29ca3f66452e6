package dev.parley.sdp.internal;

import dev.parley.sdp.Fingerprint;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.Setup;
import dev.parley.sdp.TransportParameters;

/** The ICE and DTLS attributes allowed at both levels (RFC 8839 §5.4, §5.6; RFC 8122 §5; RFC 4145 §4). */
final class TransportAttributes {

    private TransportAttributes() {}

    /** The parameters with one more attribute, or null when {@code name} is none of them. */
    static TransportParameters apply(TransportParameters t, String name, String value) throws SdpParseException {
        if (value == null) {
            return null;
        }
        return switch (name) {
            case "ice-ufrag" -> {
                once(t.iceUfrag(), name);
                yield t.withIce(Fields.token(value.strip(), name), t.icePwd());
            }
            case "ice-pwd" -> {
                once(t.icePwd(), name);
                yield t.withIce(t.iceUfrag(), Fields.token(value.strip(), name));
            }
            case "ice-options" -> {
                if (!t.iceOptions().isEmpty()) {
                    throw SdpParseException.badValue("second a=ice-options");
                }
                yield t.withIceOptions(Fields.split(value));
            }
            case "fingerprint" -> t.withFingerprint(Fingerprint.parse(value));
            case "setup" -> {
                once(t.setup(), name);
                yield t.withSetup(Setup.parse(value));
            }
            default -> null;
        };
    }

    private static void once(Object existing, String name) throws SdpParseException {
        if (existing != null) {
            throw SdpParseException.badValue("second a=" + name);
        }
    }
}
