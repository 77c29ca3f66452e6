package dev.parley.dtls;

/**
 * Limits of one {@link DtlsEndpoint}.
 *
 * @param handshakeTimeoutMillis time from {@link DtlsEndpoint#start} to a finished handshake
 * @param inboundQueueCapacity datagrams waiting for the handshake thread; more are dropped
 * @param sendLimit the largest datagram the endpoint sends (BouncyCastle fragments handshake
 *        messages to fit)
 */
public record DtlsSettings(long handshakeTimeoutMillis, int inboundQueueCapacity, int sendLimit) {

    /**
     * 10 s: a handshake takes ~20-160 ms and a lost flight is resent after 1 s, doubling (RFC 6347
     * §4.2.4.1), so 10 s covers three losses in a row. 64 datagrams: a flight is at most a handful
     * (Chrome splits its ClientHello in two), so 64 absorbs a burst of retransmissions and junk
     * without letting a flood queue memory. 1200 bytes: what browsers use, safe under the IPv6
     * minimum MTU of 1280 with UDP and IP headers, and under TURN's extra 36 bytes.
     */
    public static final DtlsSettings DEFAULT = new DtlsSettings(10_000, 64, 1200);

    public DtlsSettings {
        if (handshakeTimeoutMillis <= 0 || handshakeTimeoutMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshake timeout out of range: " + handshakeTimeoutMillis);
        }
        if (inboundQueueCapacity < 1) {
            throw new IllegalArgumentException("inbound queue capacity must be positive: " + inboundQueueCapacity);
        }
        if (sendLimit < 256 || sendLimit > 65507) {
            throw new IllegalArgumentException("send limit out of range: " + sendLimit);
        }
    }
}
