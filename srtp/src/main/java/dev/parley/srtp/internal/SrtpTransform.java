package dev.parley.srtp.internal;

/**
 * The cryptographic transform of one protection profile for one direction: encryption and authentication of RTP
 * and RTCP given the packet index the context has worked out. Implementations keep their {@code Cipher} and
 * {@code Mac} instances for the life of the context and allocate no cipher per packet.
 *
 * <p>{@code in} and {@code out} may be the same array at the same offset (in-place). Unprotect methods verify the
 * tag before writing any plaintext and return -1 when it does not verify.
 *
 * <p>Not thread-safe: owned by the thread that owns its {@code SrtpContext}.
 */
public interface SrtpTransform {

    /** Tag bytes appended to SRTP. */
    int rtpTagLength();

    /** Tag bytes appended to SRTCP (after or before the index word, per profile). */
    int rtcpTagLength();

    /** Position, relative to the packet start, of the E || SRTCP index word in an SRTCP packet of this length. */
    int rtcpIndexWordOffset(int srtcpLength);

    /** Encrypts the payload after {@code headerLength} and appends the tag; returns the SRTP length. */
    int protectRtp(byte[] in, int inOff, int length, int headerLength, byte[] out, int outOff, long ssrc,
            long index);

    /** Verifies and decrypts an SRTP packet of {@code length} bytes, tag included; returns the RTP length or -1. */
    int unprotectRtp(byte[] in, int inOff, int length, int headerLength, byte[] out, int outOff, long ssrc,
            long index);

    /** Encrypts everything after the first 8 bytes, appends E=1 with {@code index} and the tag. */
    int protectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff, long ssrc, long index);

    /**
     * Verifies an SRTCP packet of {@code length} bytes (index word and tag included) and decrypts it if
     * {@code encrypted}; returns the RTCP length or -1.
     */
    int unprotectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff, long ssrc, long index,
            boolean encrypted);
}
