package dev.parley.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A plain BouncyCastle {@code DTLSClientProtocol} client, written independently of the endpoint's
 * internals, as a test peer for the server role. It offers the profiles it is told, in that order,
 * and records the exported keying material and the server certificate it saw.
 */
final class BouncyCastleClient {

    final DtlsCertificate certificate = DtlsCertificate.generate();
    int[] offeredProfiles;
    boolean extendedMasterSecret = true;
    volatile byte[] exported;
    volatile int selectedProfile;
    volatile byte[] serverCertificate;
    final LinkedBlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
    volatile Consumer<byte[]> toServer = d -> { };

    BouncyCastleClient(int... offeredProfiles) {
        this.offeredProfiles = offeredProfiles;
    }

    /** Runs the handshake on a virtual thread; completes normally or with the handshake's exception. */
    CompletableFuture<Void> connect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("bc-test-client").start(() -> {
            try {
                new DTLSClientProtocol().connect(new Client(new BcTlsCrypto(new SecureRandom())), new Transport());
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    void deliver(byte[] datagram) {
        inbound.add(datagram);
    }

    private final class Transport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            try {
                byte[] d = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (d == null) {
                    return -1;
                }
                System.arraycopy(d, 0, buf, off, Math.min(len, d.length));
                return Math.min(len, d.length);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            toServer.accept(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void close() {
        }
    }

    private final class Client extends DefaultTlsClient {
        Client(BcTlsCrypto crypto) {
            super(crypto);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        public boolean shouldUseExtendedMasterSecret() {
            return extendedMasterSecret;
        }

        @Override
        public boolean requiresExtendedMasterSecret() {
            return false;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 30_000;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable ext = super.getClientExtensions();
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            selectedProfile = TlsSRTPUtils.getUseSRTPExtension(serverExtensions).getProtectionProfiles()[0];
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate c) throws IOException {
                    serverCertificate = c.getCertificate().getCertificateAt(0).getEncoded();
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
                    Certificate chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(certificate.encoded())});
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                            PrivateKeyFactory.createKey(certificate.privateKey().getEncoded()), chain,
                            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            int length = selectedProfile == 0x0007 ? 2 * (16 + 12) : 2 * (16 + 14);
            exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
        }
    }
}
