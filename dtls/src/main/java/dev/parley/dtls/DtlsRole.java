package dev.parley.dtls;

import java.util.Locale;

/**
 * Which side of the DTLS handshake this endpoint takes, from SDP {@code a=setup} (RFC 5763 §5,
 * RFC 4145 §4).
 */
public enum DtlsRole {
    /** {@code a=setup:passive}: wait for the peer's ClientHello. */
    SERVER("passive"),
    /** {@code a=setup:active}: send the ClientHello. */
    CLIENT("active");

    private final String setup;

    DtlsRole(String setup) {
        this.setup = setup;
    }

    /** The {@code a=setup} value that announces this role in our SDP. */
    public String setupAttribute() {
        return setup;
    }

    /**
     * Our role when we answer an offer carrying {@code a=setup:<remoteSetup>} (RFC 5763 §5: the
     * offerer says actpass, the answerer picks). For actpass we take the server role: browsers
     * then send the ClientHello as soon as a check succeeds, which saves a round trip, and Chrome
     * hangs in "connecting" if an ICE-lite server answers active (READING).
     */
    public static DtlsRole forAnswer(String remoteSetup) {
        return switch (remoteSetup.strip().toLowerCase(Locale.ROOT)) {
            case "actpass", "active" -> SERVER;
            case "passive" -> CLIENT;
            default -> throw new IllegalArgumentException("a=setup:" + remoteSetup + " cannot be answered");
        };
    }

    /** Our role when the answer to our offer carries {@code a=setup:<remoteSetup>}. */
    public static DtlsRole forOfferAnswered(String remoteSetup) {
        return switch (remoteSetup.strip().toLowerCase(Locale.ROOT)) {
            case "active" -> SERVER;
            case "passive" -> CLIENT;
            default -> throw new IllegalArgumentException("an answer cannot say a=setup:" + remoteSetup);
        };
    }
}
