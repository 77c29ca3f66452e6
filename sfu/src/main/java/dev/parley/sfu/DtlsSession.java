package dev.parley.sfu;

/**
 * The DTLS side of one SFU connection, as the engine drives it: datagrams and time in, results through the
 * {@link dev.parley.dtls.DtlsOutput} it was started with. The default is a {@link dev.parley.dtls.DtlsEndpoint}
 * ({@link DtlsFactory#endpoints}); the engine's unit tests start one that hands out fixed keys.
 */
interface DtlsSession {

    void receive(byte[] buf, int off, int len, long nowMillis);

    void tick(long nowMillis);

    void close();
}
