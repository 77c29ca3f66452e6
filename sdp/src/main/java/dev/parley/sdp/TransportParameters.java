package dev.parley.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The ICE and DTLS attributes that may stand at session level or in a media section: {@code a=ice-ufrag},
 * {@code a=ice-pwd}, {@code a=ice-options} (RFC 8839 §5.4, §5.6), {@code a=fingerprint} (RFC 8122 §5) and
 * {@code a=setup} (RFC 4145 §4). Chrome writes them per section; Firefox puts the fingerprint at session level.
 * Absent values are null (lists empty); {@link #orElse} resolves a section's values against the session's.
 */
public record TransportParameters(String iceUfrag, String icePwd, List<String> iceOptions,
        List<Fingerprint> fingerprints, Setup setup) {

    public static final TransportParameters NONE = new TransportParameters(null, null, List.of(), List.of(), null);

    public TransportParameters {
        iceOptions = List.copyOf(iceOptions);
        fingerprints = List.copyOf(fingerprints);
    }

    public static TransportParameters of(String ufrag, String pwd, Fingerprint fingerprint, Setup setup) {
        return new TransportParameters(ufrag, pwd, List.of(), List.of(fingerprint), setup);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Each value from this level if present, else from {@code outer} (RFC 8866 §5: media level overrides session). */
    public TransportParameters orElse(TransportParameters outer) {
        return new TransportParameters(iceUfrag != null ? iceUfrag : outer.iceUfrag,
                icePwd != null ? icePwd : outer.icePwd, iceOptions.isEmpty() ? outer.iceOptions : iceOptions,
                fingerprints.isEmpty() ? outer.fingerprints : fingerprints, setup != null ? setup : outer.setup);
    }

    public TransportParameters withIce(String ufrag, String pwd) {
        return new TransportParameters(ufrag, pwd, iceOptions, fingerprints, setup);
    }

    public TransportParameters withIceOptions(List<String> options) {
        return new TransportParameters(iceUfrag, icePwd, options, fingerprints, setup);
    }

    public TransportParameters withFingerprint(Fingerprint fingerprint) {
        List<Fingerprint> all = new ArrayList<>(fingerprints);
        all.add(fingerprint);
        return new TransportParameters(iceUfrag, icePwd, iceOptions, all, setup);
    }

    public TransportParameters withSetup(Setup s) {
        return new TransportParameters(iceUfrag, icePwd, iceOptions, fingerprints, s);
    }
}
