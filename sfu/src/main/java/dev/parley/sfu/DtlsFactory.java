package dev.parley.sfu;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsCertificate;
import dev.parley.dtls.DtlsEndpoint;
import dev.parley.dtls.DtlsOutput;
import dev.parley.dtls.DtlsRole;
import dev.parley.dtls.DtlsSettings;

/**
 * Starts the DTLS side of an SFU connection once the answer gave the peer's role and fingerprint. Injected into the
 * engine so that its tests can replace the handshake (which runs BouncyCastle on its own thread) with fixed keys.
 */
interface DtlsFactory {

    /** Our certificate's fingerprint, written in every offer. */
    CertificateFingerprint localFingerprint();

    /** A started session; its datagrams and events go to {@code output}, from any thread. */
    DtlsSession start(DtlsRole role, CertificateFingerprint remoteFingerprint, DtlsOutput output, long nowMillis);

    /** Real handshakes with {@code certificate} ({@link DtlsEndpoint}). */
    static DtlsFactory endpoints(DtlsCertificate certificate) {
        return new DtlsFactory() {
            @Override
            public CertificateFingerprint localFingerprint() {
                return certificate.fingerprint();
            }

            @Override
            public DtlsSession start(DtlsRole role, CertificateFingerprint remote, DtlsOutput output, long now) {
                DtlsEndpoint endpoint = new DtlsEndpoint(role, certificate, remote, DtlsSettings.DEFAULT, output);
                endpoint.start(now);
                return new DtlsSession() {
                    @Override
                    public void receive(byte[] buf, int off, int len, long nowMillis) {
                        endpoint.receive(buf, off, len, nowMillis);
                    }

                    @Override
                    public void tick(long nowMillis) {
                        endpoint.tick(nowMillis);
                    }

                    @Override
                    public void close() {
                        endpoint.close();
                    }
                };
            }
        };
    }
}
