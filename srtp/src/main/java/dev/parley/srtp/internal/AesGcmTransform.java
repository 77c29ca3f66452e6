package dev.parley.srtp.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP_AEAD_AES_128_GCM (RFC 7714): AES-GCM with a 16-byte tag; the RTP header (or the first 8 RTCP bytes and the
 * E || index word) is the associated data. Per packet the two {@code AES/GCM} ciphers made with the context are
 * re-initialised with the packet's 12-byte IV; no cipher is created per packet.
 *
 * <p>The JDK refuses to encrypt twice in a row under one key and IV. SRTP does that legitimately when a packet is
 * retransmitted unchanged on its own SSRC (NACK without RTX), so before such a repeat the encrypting cipher is first
 * initialised with a different IV, which encrypts nothing.
 *
 * <p>Not thread-safe: owned by the thread that owns its {@code SrtpContext}.
 */
public final class AesGcmTransform implements SrtpTransform {

    private static final int TAG = 16;
    private static final int TAG_BITS = 128;

    private final Cipher encrypt;
    private final Cipher decrypt;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[12];
    private final byte[] lastEncryptIv = new byte[12];
    private SecretKeySpec lastEncryptKey;
    private final byte[] indexWord = new byte[4];

    /** Derives session keys and 12-byte salts from the master key and 12-byte master salt (RFC 7714 §11). */
    public static AesGcmTransform fromMasterKey(byte[] masterKey, byte[] masterSalt) {
        return new AesGcmTransform(
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_ENCRYPTION, 16),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_SALT, 12),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTCP_ENCRYPTION, 16),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTCP_SALT, 12));
    }

    /** Uses already derived session keys (RFC vector tests). */
    public AesGcmTransform(byte[] rtpKey, byte[] rtpSalt, byte[] rtcpKey, byte[] rtcpSalt) {
        try {
            this.encrypt = Cipher.getInstance("AES/GCM/NoPadding");
            this.decrypt = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every Java runtime", e);
        }
        this.rtpKey = new SecretKeySpec(rtpKey, "AES");
        this.rtcpKey = new SecretKeySpec(rtcpKey, "AES");
        this.rtpSalt = rtpSalt.clone();
        this.rtcpSalt = rtcpSalt.clone();
    }

    @Override
    public int rtpTagLength() {
        return TAG;
    }

    @Override
    public int rtcpTagLength() {
        return TAG;
    }

    /**
     * RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt for RTP; §9.1: (00 00 || SSRC || 00 00 || 0 ||
     * SRTCP index) XOR salt for RTCP. Both are {@code 00 00 || SSRC || 48-bit value}.
     */
    private void makeIv(byte[] salt, long ssrc, long low48) {
        iv[0] = salt[0];
        iv[1] = salt[1];
        for (int i = 0; i < 4; i++) {
            iv[2 + i] = (byte) (salt[2 + i] ^ (ssrc >>> (24 - 8 * i)));
        }
        for (int i = 0; i < 6; i++) {
            iv[6 + i] = (byte) (salt[6 + i] ^ (low48 >>> (40 - 8 * i)));
        }
    }

    private void initEncrypt(SecretKeySpec key) throws GeneralSecurityException {
        if (key == lastEncryptKey && Arrays.equals(iv, lastEncryptIv)) {
            iv[11] ^= 1;
            encrypt.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            iv[11] ^= 1;
        }
        encrypt.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        System.arraycopy(iv, 0, lastEncryptIv, 0, 12);
        lastEncryptKey = key;
    }

    /** RFC 7714 §9.2: {@code ... | tag | E || index}: the index word comes last. */
    @Override
    public int rtcpIndexWordOffset(int srtcpLength) {
        return srtcpLength - 4;
    }

    @Override
    public int protectRtp(byte[] in, int inOff, int length, int headerLength, byte[] out, int outOff, long ssrc,
            long index) {
        try {
            makeIv(rtpSalt, ssrc, index);
            initEncrypt(rtpKey);
            if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, headerLength);
            }
            encrypt.updateAAD(out, outOff, headerLength); // RFC 7714 §8.2: AAD is the RTP header
            return headerLength + encrypt.doFinal(in, inOff + headerLength, length - headerLength, out,
                    outOff + headerLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed on a sized buffer", e);
        }
    }

    @Override
    public int unprotectRtp(byte[] in, int inOff, int length, int headerLength, byte[] out, int outOff, long ssrc,
            long index) {
        try {
            makeIv(rtpSalt, ssrc, index);
            decrypt.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_BITS, iv));
            decrypt.updateAAD(in, inOff, headerLength);
            int plain = decrypt.doFinal(in, inOff + headerLength, length - headerLength, out, outOff + headerLength);
            if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, headerLength);
            }
            return headerLength + plain;
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed on a sized buffer", e);
        }
    }

    @Override
    public int protectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff, long ssrc, long index) {
        try {
            makeIv(rtcpSalt, ssrc, index);
            initEncrypt(rtcpKey);
            if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, 8);
            }
            AesCmHmacSha1Transform.writeIndexWord(indexWord, 0, index, true);
            // RFC 7714 §9.2: AAD = first 8 octets || E || SRTCP index; the index word trails the tag.
            encrypt.updateAAD(out, outOff, 8);
            encrypt.updateAAD(indexWord);
            int sealed = encrypt.doFinal(in, inOff + 8, length - 8, out, outOff + 8);
            System.arraycopy(indexWord, 0, out, outOff + 8 + sealed, 4);
            return 8 + sealed + 4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed on a sized buffer", e);
        }
    }

    @Override
    public int unprotectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff, long ssrc, long index,
            boolean encrypted) {
        int sealedEnd = inOff + length - 4;
        try {
            makeIv(rtcpSalt, ssrc, index);
            decrypt.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_BITS, iv));
            if (encrypted) {
                decrypt.updateAAD(in, inOff, 8);
                decrypt.updateAAD(in, sealedEnd, 4);
                int plain = decrypt.doFinal(in, inOff + 8, sealedEnd - inOff - 8, out, outOff + 8);
                if (in != out || inOff != outOff) {
                    System.arraycopy(in, inOff, out, outOff, 8);
                }
                return 8 + plain;
            }
            // RFC 7714 §9.3: authentication only: the whole RTCP packet and the index word are AAD.
            int plain = length - 4 - TAG;
            decrypt.updateAAD(in, inOff, plain);
            decrypt.updateAAD(in, sealedEnd, 4);
            decrypt.doFinal(in, inOff + plain, TAG, out, outOff + plain);
            if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, plain);
            }
            return plain;
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed on a sized buffer", e);
        }
    }
}
