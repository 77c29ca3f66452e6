package dev.parley.dtls;

/** What a {@link DtlsEndpoint} reports. After {@link Closed} or {@link Failed} it reports nothing more. */
public sealed interface DtlsEvent {

    /**
     * The handshake finished: the peer proved the certificate whose fingerprint the remote SDP
     * carries, and SRTP keys were exported.
     *
     * @param keys the negotiated profile and the keys split by direction
     * @param handshakeMillis wall-clock time from {@link DtlsEndpoint#start} to completion
     */
    record HandshakeComplete(SrtpKeys keys, long handshakeMillis) implements DtlsEvent {
    }

    /** The peer ended the association with an alert (close_notify or a fatal alert) after the handshake. */
    record Closed(String reason) implements DtlsEvent {
    }

    /** The handshake failed: bad fingerprint, no common profile, a fatal alert, or the timeout. */
    record Failed(String reason) implements DtlsEvent {
    }
}
