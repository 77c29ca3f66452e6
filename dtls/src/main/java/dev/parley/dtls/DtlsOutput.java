package dev.parley.dtls;

/**
 * Where a {@link DtlsEndpoint} puts what it produces. Called from the endpoint's handshake thread
 * (and, for a timeout, from the thread that calls {@link DtlsEndpoint#tick}); implementations must
 * not block: hand datagrams to the socket's outbox and post events to the session's executor.
 */
public interface DtlsOutput {

    /** One datagram to send to the peer (a fresh array the implementation may keep). */
    void send(byte[] datagram);

    /** An event, in order; at most one {@link DtlsEvent.HandshakeComplete} and one terminal event. */
    void event(DtlsEvent event);
}
