package dev.parley.sdp;

import java.util.Locale;

/** {@code a=setup} (RFC 4145 §4, RFC 8842 §5): which side opens the DTLS association. */
public enum Setup {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    public static Setup parse(String value) throws SdpParseException {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "active" -> ACTIVE;
            case "passive" -> PASSIVE;
            case "actpass" -> ACTPASS;
            case "holdconn" -> HOLDCONN;
            default -> throw SdpParseException.badValue("unknown setup role");
        };
    }

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role an answerer takes. RFC 5763 §5: an answer is {@code active} or {@code passive};
     * the SFU chooses {@code passive}, staying the DTLS server so it never has to send a ClientHello towards a browser
     * that has not yet seen its answer (Chrome also hangs in {@code connecting} on anything else, see READING.md).
     * An offer that insists on {@code passive} gets {@code active}; an absent role is read as {@code active}
     * (RFC 4145 §4 default).
     */
    public static Setup answerTo(Setup offered) {
        if (offered == PASSIVE) {
            return ACTIVE;
        }
        if (offered == HOLDCONN) {
            return HOLDCONN;
        }
        return PASSIVE;
    }
}
