package dev.parley.dtls.internal;

import dev.parley.dtls.DtlsCertificate;
import java.io.IOException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** Our certificate and key in BouncyCastle's low-level types. Immutable. */
public final class Identity {

    /** ecdsa_secp256r1_sha256: the one signature a P-256 key makes in DTLS 1.2. */
    static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final Certificate certificate;
    private final AsymmetricKeyParameter privateKey;
    private final BcTlsCrypto crypto;

    public Identity(DtlsCertificate certificate, BcTlsCrypto crypto) throws IOException {
        this.crypto = crypto;
        this.certificate = new Certificate(new TlsCertificate[] {crypto.createCertificate(certificate.encoded())});
        this.privateKey = PrivateKeyFactory.createKey(certificate.privateKey().getEncoded());
    }

    TlsCredentialedSigner signer(TlsContext context) {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey, certificate,
                ECDSA_SHA256);
    }
}
