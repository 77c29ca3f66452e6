package dev.parley.dtls;

import dev.parley.srtp.SrtpContext;
import dev.parley.srtp.SrtpProfile;
import java.util.Arrays;

/**
 * The SRTP master keys and salts one DTLS handshake produced, from this endpoint's point of view:
 * {@code local*} protect what we send, {@code remote*} unprotect what we receive. Immutable.
 */
public record SrtpKeys(SrtpProfile profile, byte[] localMasterKey, byte[] localMasterSalt,
        byte[] remoteMasterKey, byte[] remoteMasterSalt) {

    public SrtpKeys {
        localMasterKey = localMasterKey.clone();
        localMasterSalt = localMasterSalt.clone();
        remoteMasterKey = remoteMasterKey.clone();
        remoteMasterSalt = remoteMasterSalt.clone();
    }

    /** Bytes of keying material to export for {@code profile}: two keys and two salts. */
    public static int exportLength(SrtpProfile profile) {
        return 2 * (profile.masterKeyLength() + profile.masterSaltLength());
    }

    /**
     * Splits the exporter output (label "EXTRACTOR-dtls_srtp") as RFC 5764 §4.2 lays it out:
     * client_write_SRTP_master_key, server_write_SRTP_master_key, client_write_SRTP_master_salt,
     * server_write_SRTP_master_salt. The client writes with the client's key and salt.
     */
    public static SrtpKeys fromExporter(SrtpProfile profile, byte[] material, DtlsRole role) {
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        if (material.length != exportLength(profile)) {
            throw new IllegalArgumentException("keying material of " + material.length + " bytes, need " + exportLength(profile));
        }
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        return role == DtlsRole.CLIENT
                ? new SrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    /** A context that protects what this endpoint sends. */
    public SrtpContext newSenderContext() {
        return SrtpContext.create(profile, localMasterKey, localMasterSalt);
    }

    /** A context that unprotects what this endpoint receives. */
    public SrtpContext newReceiverContext() {
        return SrtpContext.create(profile, remoteMasterKey, remoteMasterSalt);
    }

    @Override
    public byte[] localMasterKey() {
        return localMasterKey.clone();
    }

    @Override
    public byte[] localMasterSalt() {
        return localMasterSalt.clone();
    }

    @Override
    public byte[] remoteMasterKey() {
        return remoteMasterKey.clone();
    }

    @Override
    public byte[] remoteMasterSalt() {
        return remoteMasterSalt.clone();
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + profile + ", (secret)]";
    }
}
