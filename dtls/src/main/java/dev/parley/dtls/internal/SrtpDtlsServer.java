package dev.parley.dtls.internal;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsRole;
import dev.parley.dtls.SrtpKeys;
import dev.parley.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS 1.2 server side of DTLS-SRTP (RFC 5764) for {@code DTLSServerProtocol}: requires a
 * client certificate matching the SDP fingerprint, chooses the SRTP profile, requires the extended
 * master secret (RFC 7627), exports the keys. One per handshake; used on the handshake thread only.
 */
public final class SrtpDtlsServer extends DefaultTlsServer {

    private final Identity identity;
    private final CertificateFingerprint remoteFingerprint;
    private final int handshakeTimeoutMillis;
    private final HandshakeCallbacks callbacks;
    private SrtpProfile chosen;

    public SrtpDtlsServer(BcTlsCrypto crypto, Identity identity, CertificateFingerprint remoteFingerprint,
            int handshakeTimeoutMillis, HandshakeCallbacks callbacks) {
        super(crypto);
        this.identity = identity;
        this.remoteFingerprint = remoteFingerprint;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.callbacks = callbacks;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        // Chrome offers DTLS 1.3 and 1.2; BouncyCastle's DTLS server speaks 1.2, which Chrome accepts.
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), SrtpNegotiation.CIPHER_SUITES);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return identity.signer(context);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // RFC 5763 §5: both sides present certificates; the client's is checked against its SDP.
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        for (short hash : new short[] {HashAlgorithm.sha256, HashAlgorithm.sha384, HashAlgorithm.sha512}) {
            algorithms.add(SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa));
            algorithms.add(SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.rsa));
        }
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        String problem = SrtpNegotiation.checkPeerCertificate(clientCertificate, remoteFingerprint);
        if (problem != null) {
            callbacks.failing(problem);
            throw new TlsFatalAlert(AlertDescription.bad_certificate, problem);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            fail(AlertDescription.handshake_failure, "peer offered no use_srtp extension (RFC 5764 §4.1.1)");
        }
        chosen = SrtpNegotiation.choose(offered.getProtectionProfiles());
        if (chosen == null) {
            fail(AlertDescription.handshake_failure, "no common SRTP profile in the peer's use_srtp: "
                    + SrtpNegotiation.describe(offered.getProtectionProfiles()));
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        // RFC 5764 §4.1.1: exactly one profile, and no MKI (we never use one).
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {chosen.dtlsId()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        // RFC 7627; without it BouncyCastle refuses the exporter and Chrome's DTLS fails.
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // RFC 5764 §4.2: export inside this callback; after accept() returns BouncyCastle refuses.
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.exportLength(chosen));
        callbacks.keysExported(SrtpKeys.fromExporter(chosen, material, DtlsRole.SERVER));
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        callbacks.alertReceived(alertLevel, alertDescription);
    }

    private void fail(short alert, String reason) throws TlsFatalAlert {
        callbacks.failing(reason);
        throw new TlsFatalAlert(alert, reason);
    }
}
