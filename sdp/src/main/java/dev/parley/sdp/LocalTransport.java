package dev.parley.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The SFU's side of the one ICE-lite + DTLS transport every section of a peer shares: ICE credentials, the DTLS
 * certificate fingerprint and the host candidates (usually one, plus a TCP one when ICE-TCP is on). Immutable.
 *
 * <p>Every section written with it carries the same values: with BUNDLE only the tagged section's count, but
 * repeating them costs a few lines and keeps each section complete, and without BUNDLE each section is its own
 * transport and needs them.
 */
public record LocalTransport(String iceUfrag, String icePwd, Fingerprint fingerprint, List<Candidate> candidates) {

    public LocalTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            // READING.md: without a host candidate Chrome sends no connectivity checks at all.
            throw new IllegalArgumentException("an ICE-lite endpoint needs at least one candidate");
        }
        // RFC 8839 §5.4: ufrag 4-256 characters, password 22-256.
        if (iceUfrag.length() < 4 || icePwd.length() < 22) {
            throw new IllegalArgumentException("ICE ufrag needs 4 characters and password 22 (RFC 8839 §5.4)");
        }
    }

    /**
     * The default candidate: the first UDP one if any. RFC 8839 puts the default candidate in {@code c=} and the
     * {@code m=} port; browsers ignore both, older parsers read them.
     */
    public Candidate defaultCandidate() {
        return candidates.stream().filter(Candidate::isUdp).findFirst().orElse(candidates.get(0));
    }

    /** Sets port and {@code c=} from the default candidate; adds credentials, fingerprint, setup and candidates. */
    void writeTo(MediaDescription.Builder b, Setup setup) {
        Candidate d = defaultCandidate();
        b.port(d.port()).connection(Connection.of(d.address()))
                .transport(TransportParameters.of(iceUfrag, icePwd, fingerprint, setup));
        candidates.forEach(b::candidate);
        // Trickle ICE (RFC 8838): a lite agent has all its candidates up front, so it says so.
        b.endOfCandidates(true);
    }
}
