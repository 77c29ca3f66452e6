package dev.parley.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP_AES128_CM_HMAC_SHA1_80: AES-128 in counter mode (RFC 3711 §4.1.1) and HMAC-SHA1 truncated to 80 bits
 * (§4.2.1). One {@code AES/CTR} cipher and one {@code HmacSHA1} per RTP and RTCP, created with the context; per
 * packet the CTR cipher is re-initialised with the packet's IV, which on the JDK reuses the expanded key and runs the
 * counter-mode intrinsic (measured faster than a keystream from {@code AES/ECB} plus a Java XOR loop; see
 * docs/benchmarks.md).
 *
 * <p>Not thread-safe: owned by the thread that owns its {@code SrtpContext}.
 */
public final class AesCmHmacSha1Transform implements SrtpTransform {

    private static final int TAG = 10;

    private final Half rtp;
    private final Half rtcp;
    private final byte[] digest = new byte[20];

    /** The ciphers and salt of one of RTP / RTCP. */
    private static final class Half {
        final Cipher ctr;
        final SecretKeySpec key;
        final Mac mac;
        final byte[] salt;
        final byte[] iv = new byte[16];
        final byte[] roc = new byte[4];

        Half(byte[] encKey, byte[] authKey, byte[] salt) throws GeneralSecurityException {
            this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
            this.key = new SecretKeySpec(encKey, "AES");
            this.mac = Mac.getInstance("HmacSHA1");
            this.mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
            this.salt = salt.clone();
        }

        /** RFC 3711 §4.1.1: IV = (k_s × 2^16) XOR (SSRC × 2^64) XOR (i × 2^16). */
        void startKeystream(long ssrc, long index) throws GeneralSecurityException {
            System.arraycopy(salt, 0, iv, 0, 14);
            iv[14] = 0;
            iv[15] = 0;
            iv[4] ^= (byte) (ssrc >>> 24);
            iv[5] ^= (byte) (ssrc >>> 16);
            iv[6] ^= (byte) (ssrc >>> 8);
            iv[7] ^= (byte) ssrc;
            for (int i = 0; i < 6; i++) {
                iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
            }
            ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        }
    }

    /** Derives the six session keys from the master key and 14-byte master salt (RFC 3711 §4.3). */
    public static AesCmHmacSha1Transform fromMasterKey(byte[] masterKey, byte[] masterSalt) {
        return new AesCmHmacSha1Transform(
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_ENCRYPTION, 16),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_AUTHENTICATION, 20),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_SALT, 14),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTCP_ENCRYPTION, 16),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTCP_AUTHENTICATION, 20),
                KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTCP_SALT, 14));
    }

    /** Uses already derived session keys (RFC vector tests). */
    public AesCmHmacSha1Transform(byte[] rtpKey, byte[] rtpAuthKey, byte[] rtpSalt, byte[] rtcpKey,
            byte[] rtcpAuthKey, byte[] rtcpSalt) {
        try {
            this.rtp = new Half(rtpKey, rtpAuthKey, rtpSalt);
            this.rtcp = new Half(rtcpKey, rtcpAuthKey, rtcpSalt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR and HmacSHA1 are part of every Java runtime", e);
        }
    }

    @Override
    public int rtpTagLength() {
        return TAG;
    }

    @Override
    public int rtcpTagLength() {
        return TAG;
    }

    /** RFC 3711 §3.4: {@code ... | E || index | auth tag}. */
    @Override
    public int rtcpIndexWordOffset(int srtcpLength) {
        return srtcpLength - TAG - 4;
    }

    @Override
    public int protectRtp(byte[] in, int inOff, int length, int headerLength, byte[] out, int outOff, long ssrc,
            long index) {
        try {
            if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, headerLength);
            }
            rtp.startKeystream(ssrc, index);
            rtp.ctr.doFinal(in, inOff + headerLength, length - headerLength, out, outOff + headerLength);
            rtpTag(out, outOff, length, index >>> 16);
            System.arraycopy(digest, 0, out, outOff + length, TAG);
            return length + TAG;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed on a sized buffer", e);
        }
    }

    @Override
    public int unprotectRtp(byte[] in, int inOff, int length, int headerLength, byte[] out, int outOff, long ssrc,
            long index) {
        int plain = length - TAG;
        rtpTag(in, inOff, plain, index >>> 16);
        if (!ConstantTime.equal(digest, 0, in, inOff + plain, TAG)) {
            return -1;
        }
        try {
            if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, headerLength);
            }
            rtp.startKeystream(ssrc, index);
            rtp.ctr.doFinal(in, inOff + headerLength, plain - headerLength, out, outOff + headerLength);
            return plain;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed on a sized buffer", e);
        }
    }

    /** RFC 3711 §4.2: tag = HMAC(k_a, authenticated portion || ROC), into {@link #digest}. */
    private void rtpTag(byte[] buf, int off, int length, long roc) {
        rtp.mac.update(buf, off, length);
        rtp.roc[0] = (byte) (roc >>> 24);
        rtp.roc[1] = (byte) (roc >>> 16);
        rtp.roc[2] = (byte) (roc >>> 8);
        rtp.roc[3] = (byte) roc;
        rtp.mac.update(rtp.roc);
        finish(rtp.mac);
    }

    private void finish(Mac mac) {
        try {
            mac.doFinal(digest, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 output fits its buffer", e);
        }
    }

    @Override
    public int protectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff, long ssrc, long index) {
        try {
            if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, 8);
            }
            rtcp.startKeystream(ssrc, index);
            rtcp.ctr.doFinal(in, inOff + 8, length - 8, out, outOff + 8);
            writeIndexWord(out, outOff + length, index, true);
            // RFC 3711 §3.4: the tag covers header, encrypted portion and the E || index word.
            rtcp.mac.update(out, outOff, length + 4);
            finish(rtcp.mac);
            System.arraycopy(digest, 0, out, outOff + length + 4, TAG);
            return length + 4 + TAG;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed on a sized buffer", e);
        }
    }

    @Override
    public int unprotectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff, long ssrc, long index,
            boolean encrypted) {
        int authenticated = length - TAG;
        rtcp.mac.update(in, inOff, authenticated);
        finish(rtcp.mac);
        if (!ConstantTime.equal(digest, 0, in, inOff + authenticated, TAG)) {
            return -1;
        }
        int plain = authenticated - 4;
        try {
            if (encrypted) {
                if (in != out || inOff != outOff) {
                    System.arraycopy(in, inOff, out, outOff, 8);
                }
                rtcp.startKeystream(ssrc, index);
                rtcp.ctr.doFinal(in, inOff + 8, plain - 8, out, outOff + 8);
            } else if (in != out || inOff != outOff) {
                System.arraycopy(in, inOff, out, outOff, plain);
            }
            return plain;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed on a sized buffer", e);
        }
    }

    static void writeIndexWord(byte[] out, int off, long index, boolean encrypted) {
        long word = (encrypted ? 0x8000_0000L : 0) | index;
        out[off] = (byte) (word >>> 24);
        out[off + 1] = (byte) (word >>> 16);
        out[off + 2] = (byte) (word >>> 8);
        out[off + 3] = (byte) word;
    }
}
