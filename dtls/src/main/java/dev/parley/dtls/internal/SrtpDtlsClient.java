package dev.parley.dtls.internal;

import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.DtlsRole;
import dev.parley.dtls.SrtpKeys;
import dev.parley.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS 1.2 client side of DTLS-SRTP (RFC 5764) for {@code DTLSClientProtocol}: offers our SRTP
 * profiles, checks the server certificate against the SDP fingerprint, presents our certificate,
 * requires the extended master secret, exports the keys. One per handshake; handshake thread only.
 */
public final class SrtpDtlsClient extends DefaultTlsClient {

    private final Identity identity;
    private final CertificateFingerprint remoteFingerprint;
    private final int handshakeTimeoutMillis;
    private final HandshakeCallbacks callbacks;
    private SrtpProfile chosen;

    public SrtpDtlsClient(BcTlsCrypto crypto, Identity identity, CertificateFingerprint remoteFingerprint,
            int handshakeTimeoutMillis, HandshakeCallbacks callbacks) {
        super(crypto);
        this.identity = identity;
        this.remoteFingerprint = remoteFingerprint;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.callbacks = callbacks;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), SrtpNegotiation.CIPHER_SUITES);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(SrtpNegotiation.OFFER, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        // RFC 5764 §4.1.1: the server answers with exactly one of the offered profiles.
        int[] profiles = answer == null ? new int[0] : answer.getProtectionProfiles();
        chosen = profiles.length == 1 ? SrtpNegotiation.choose(profiles) : null;
        if (chosen == null) {
            String reason = "server answered use_srtp with [" + SrtpNegotiation.describe(profiles)
                    + "], not one of the offered profiles";
            callbacks.failing(reason);
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, reason);
        }
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                String problem = SrtpNegotiation.checkPeerCertificate(serverCertificate.getCertificate(), remoteFingerprint);
                if (problem != null) {
                    callbacks.failing(problem);
                    throw new TlsFatalAlert(AlertDescription.bad_certificate, problem);
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                return identity.signer(context);
            }
        };
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.exportLength(chosen));
        callbacks.keysExported(SrtpKeys.fromExporter(chosen, material, DtlsRole.CLIENT));
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        callbacks.alertReceived(alertLevel, alertDescription);
    }
}
