package dev.parley.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP key derivation function with the AES-CM PRF (RFC 3711 §4.3.1, §4.3.3), key derivation rate 0 (the only
 * rate DTLS-SRTP uses, RFC 5764 §4.1.2), so session keys are derived once per master key. Stateless.
 */
public final class KeyDerivation {

    /** RFC 3711 §4.3.2 labels. */
    public static final int SRTP_ENCRYPTION = 0x00;
    public static final int SRTP_AUTHENTICATION = 0x01;
    public static final int SRTP_SALT = 0x02;
    public static final int SRTCP_ENCRYPTION = 0x03;
    public static final int SRTCP_AUTHENTICATION = 0x04;
    public static final int SRTCP_SALT = 0x05;

    private KeyDerivation() {}

    /**
     * Derives {@code length} bytes for {@code label}: key_id = label || (index DIV kdr) = label || 0 (48 bits),
     * x = key_id XOR master_salt (112 bits), output = AES-CM keystream under the master key from IV x × 2^16.
     *
     * <p>A 96-bit GCM master salt is first multiplied by 2^16, i.e. padded with two zero bytes on the right
     * (RFC 7714 §11, erratum 4938).
     */
    public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length); // bytes 0..13 hold the 112-bit x
        iv[7] ^= (byte) label; // the label sits 48 bits above the low end of the 112-bit value: byte 13 - 6
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
            return ctr.doFinal(new byte[length]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every Java runtime", e);
        }
    }
}
