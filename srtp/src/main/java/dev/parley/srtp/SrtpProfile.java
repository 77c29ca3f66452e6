package dev.parley.srtp;

/**
 * The SRTP protection profiles Parley negotiates in DTLS {@code use_srtp} (RFC 5764 §4.1.2, RFC 7714 §14.2).
 */
public enum SrtpProfile {

    /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 3711 §4.1.1, §4.2.1; RFC 5764 §4.1.2). */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),

    /** AES-128-GCM with a 16-byte tag and a 12-byte salt (RFC 7714 §8, §14.2). */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16);

    private final int dtlsId;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int dtlsId, int masterKeyLength, int masterSaltLength, int rtpTagLength, int rtcpTagLength) {
        this.dtlsId = dtlsId;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** The SRTPProtectionProfile value in the DTLS {@code use_srtp} extension. */
    public int dtlsId() {
        return dtlsId;
    }

    public int masterKeyLength() {
        return masterKeyLength;
    }

    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Bytes SRTP appends to an RTP packet: the authentication tag. */
    public int rtpOverhead() {
        return rtpTagLength;
    }

    /** Bytes SRTCP appends to an RTCP packet: the E-bit/index word and the tag (RFC 3711 §3.4). */
    public int rtcpOverhead() {
        return 4 + rtcpTagLength;
    }

    int rtpTagLength() {
        return rtpTagLength;
    }

    int rtcpTagLength() {
        return rtcpTagLength;
    }

    /** The profile with this DTLS id, or null. */
    public static SrtpProfile ofDtlsId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsId == id) {
                return p;
            }
        }
        return null;
    }
}
