package dev.parley.srtp;

import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpParseException;
import dev.parley.srtp.SrtpException.Reason;
import dev.parley.srtp.internal.AesCmHmacSha1Transform;
import dev.parley.srtp.internal.AesGcmTransform;
import dev.parley.srtp.internal.ReplayWindow;
import dev.parley.srtp.internal.RolloverCounter;
import dev.parley.srtp.internal.SrtpTransform;
import dev.parley.srtp.internal.StreamState;
import dev.parley.srtp.internal.StreamTable;
import java.util.Arrays;

/**
 * SRTP and SRTCP for one direction of one transport (RFC 3711, RFC 7714): the session keys derived from one master
 * key, and per SSRC the rollover counter, replay windows and SRTCP index. A DTLS-SRTP transport has two: one that
 * protects what we send and one that unprotects what we receive.
 *
 * <p>All methods read {@code in[inOff, inOff + length)} and write {@code out} from {@code outOff}; {@code in} and
 * {@code out} may be the same array at the same offset. Protecting needs room for
 * {@link SrtpProfile#rtpOverhead()} (or {@link SrtpProfile#rtcpOverhead()}) bytes after the packet. A refused
 * packet raises {@link SrtpException} with the reason to count and leaves the context unchanged; receiving state
 * advances only for packets that authenticate.
 *
 * <p>Per packet no {@code Cipher} or {@code Mac} is created: they are made with the context and re-initialised.
 *
 * <p>Not thread-safe, by design and without locks: a context is owned by the one thread (or serial executor) that
 * handles its transport's packets in that direction.
 */
public final class SrtpContext {

    /** RFC 3711 §3.4: the SRTCP index is 31 bits. */
    private static final long MAX_RTCP_INDEX = 0x7FFF_FFFFL;

    private final SrtpProfile profile;
    private final SrtpTransform transform;
    private final SrtpSettings settings;
    private final StreamTable streams;

    private SrtpContext(SrtpProfile profile, SrtpTransform transform, SrtpSettings settings) {
        this.profile = profile;
        this.transform = transform;
        this.settings = settings;
        this.streams = new StreamTable(settings.maxSsrcs());
    }

    public static SrtpContext create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        return create(profile, masterKey, masterSalt, SrtpSettings.DEFAULT);
    }

    /** Derives the session keys from the master key and salt exported by DTLS (RFC 5764 §4.2). */
    public static SrtpContext create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt,
            SrtpSettings settings) {
        if (masterKey.length != profile.masterKeyLength() || masterSalt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException(profile + " takes a " + profile.masterKeyLength() + "-byte key and "
                    + profile.masterSaltLength() + "-byte salt, got " + masterKey.length + " and "
                    + masterSalt.length);
        }
        SrtpTransform transform = switch (profile) {
            case AES128_CM_HMAC_SHA1_80 -> AesCmHmacSha1Transform.fromMasterKey(masterKey, masterSalt);
            case AEAD_AES_128_GCM -> AesGcmTransform.fromMasterKey(masterKey, masterSalt);
        };
        return new SrtpContext(profile, transform, settings);
    }

    /** A context over already derived session keys; for RFC test vectors. */
    static SrtpContext withTransform(SrtpProfile profile, SrtpTransform transform) {
        return new SrtpContext(profile, transform, SrtpSettings.DEFAULT);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and authenticates an RTP packet; returns the SRTP length ({@code length + rtpOverhead}). */
    public int protectRtp(byte[] in, int inOff, int length, byte[] out, int outOff) throws SrtpException {
        int headerLength = rtpHeaderLength(in, inOff, length);
        requireRoom(out, outOff, length + transform.rtpTagLength());
        long ssrc = u32(in, inOff + 8);
        StreamState state = stateOrAdd(ssrc);
        long index = state.rollover().estimate(u16(in, inOff + 2));
        checkIndex(index, ssrc);
        int n = transform.protectRtp(in, inOff, length, headerLength, out, outOff, ssrc, index);
        state.rollover().update(index);
        return n;
    }

    /** Verifies, replay-checks and decrypts an SRTP packet; returns the RTP length ({@code length - tag}). */
    public int unprotectRtp(byte[] in, int inOff, int length, byte[] out, int outOff) throws SrtpException {
        int tag = transform.rtpTagLength();
        if (length < RtpPacket.FIXED_HEADER_LENGTH + tag) {
            throw new SrtpException(Reason.MALFORMED, "SRTP packet of " + length + " bytes");
        }
        int headerLength = rtpHeaderLength(in, inOff, length - tag);
        requireRoom(out, outOff, length - tag);
        long ssrc = u32(in, inOff + 8);
        StreamState state = streams.find(ssrc);
        int seq = u16(in, inOff + 2);
        long index = state == null ? seq : state.rollover().estimate(seq);
        checkIndex(index, ssrc);
        if (state != null) {
            checkWindow(state.rtpWindow(settings.rtpReplayWindow()), index, ssrc);
        } else if (streams.isFull()) {
            throw new SrtpException(Reason.TOO_MANY_SSRCS, "no room for SSRC " + ssrc);
        }
        int n = transform.unprotectRtp(in, inOff, length, headerLength, out, outOff, ssrc, index);
        if (n < 0) {
            throw new SrtpException(Reason.AUTHENTICATION_FAILED, "SRTP tag of SSRC " + ssrc + " index " + index);
        }
        if (state == null) {
            state = streams.add(ssrc);
        }
        state.rollover().update(index);
        state.rtpWindow(settings.rtpReplayWindow()).accept(index);
        return n;
    }

    /** Encrypts and authenticates an RTCP compound packet; returns the SRTCP length ({@code length + overhead}). */
    public int protectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff) throws SrtpException {
        checkRtcpHeader(in, inOff, length, 8);
        requireRoom(out, outOff, length + 4 + transform.rtcpTagLength());
        long ssrc = u32(in, inOff + 4);
        StreamState state = stateOrAdd(ssrc);
        long index = state.nextRtcpIndex();
        if (index > MAX_RTCP_INDEX) {
            throw new SrtpException(Reason.INDEX_EXHAUSTED, "SRTCP index of SSRC " + ssrc + " would wrap");
        }
        int n = transform.protectRtcp(in, inOff, length, out, outOff, ssrc, index);
        state.setNextRtcpIndex(index + 1);
        return n;
    }

    /** Verifies, replay-checks and decrypts an SRTCP packet; returns the RTCP length. */
    public int unprotectRtcp(byte[] in, int inOff, int length, byte[] out, int outOff) throws SrtpException {
        checkRtcpHeader(in, inOff, length, 8 + 4 + transform.rtcpTagLength());
        int wordAt = inOff + transform.rtcpIndexWordOffset(length);
        long word = u32(in, wordAt);
        boolean encrypted = (word & 0x8000_0000L) != 0; // RFC 3711 §3.4: the E flag
        long index = word & MAX_RTCP_INDEX;
        long ssrc = u32(in, inOff + 4);
        requireRoom(out, outOff, length - 4 - transform.rtcpTagLength());
        StreamState state = streams.find(ssrc);
        if (state != null) {
            checkWindow(state.rtcpWindow(settings.rtcpReplayWindow()), index, ssrc);
        } else if (streams.isFull()) {
            throw new SrtpException(Reason.TOO_MANY_SSRCS, "no room for SSRC " + ssrc);
        }
        int n = transform.unprotectRtcp(in, inOff, length, out, outOff, ssrc, index, encrypted);
        if (n < 0) {
            throw new SrtpException(Reason.AUTHENTICATION_FAILED, "SRTCP tag of SSRC " + ssrc + " index " + index);
        }
        if (state == null) {
            state = streams.add(ssrc);
        }
        state.rtcpWindow(settings.rtcpReplayWindow()).accept(index);
        return n;
    }

    /** The rollover counter of {@code ssrc}, or -1 if the context has not seen it. */
    public long rolloverCounter(long ssrc) {
        StreamState state = streams.find(ssrc);
        return state == null ? -1 : state.rollover().roc();
    }

    /** Number of SSRCs the context keeps state for. */
    /**
     * Forgets everything kept about {@code ssrc} (rollover counter, replay windows, SRTCP index), so that a stream
     * that has ended frees its place among the {@link SrtpSettings#maxSsrcs} (RFC 3711 §3.2.3: a context's
     * per-SSRC state lives as long as the stream). A later packet of that SSRC starts a new stream.
     *
     * @return false when the context kept nothing for it
     */
    public boolean forget(long ssrc) {
        return streams.remove(ssrc);
    }

    public int streamCount() {
        return streams.size();
    }

    /** Sets the SRTP index state of {@code ssrc} as if {@code index} was the newest packet; for tests. */
    void setRtpIndex(long ssrc, long index) throws SrtpException {
        stateOrAdd(ssrc).rollover().set(index);
    }

    /** Sets the SRTCP index the next protected packet of {@code ssrc} gets; for tests. */
    void setNextRtcpIndex(long ssrc, long index) throws SrtpException {
        stateOrAdd(ssrc).setNextRtcpIndex(index);
    }

    private StreamState stateOrAdd(long ssrc) throws SrtpException {
        StreamState state = streams.find(ssrc);
        if (state == null) {
            state = streams.add(ssrc);
            if (state == null) {
                throw new SrtpException(Reason.TOO_MANY_SSRCS, "no room for SSRC " + ssrc);
            }
        }
        return state;
    }

    private static int rtpHeaderLength(byte[] in, int inOff, int length) throws SrtpException {
        try {
            return RtpPacket.headerLength(in, inOff, length);
        } catch (RtpParseException e) {
            throw new SrtpException(Reason.MALFORMED, e.getMessage());
        }
    }

    private static void checkRtcpHeader(byte[] in, int inOff, int length, int minimum) throws SrtpException {
        if (inOff < 0 || length < 0 || inOff > in.length - length) {
            throw new IndexOutOfBoundsException("range [" + inOff + ", +" + length + ") outside " + in.length);
        }
        if (length < minimum) {
            throw new SrtpException(Reason.MALFORMED, "RTCP packet of " + length + " bytes, need " + minimum);
        }
        if ((in[inOff] & 0xC0) != 0x80) {
            throw new SrtpException(Reason.MALFORMED, "RTCP version " + ((in[inOff] & 0xFF) >>> 6));
        }
    }

    private static void checkIndex(long index, long ssrc) throws SrtpException {
        if (index < 0) {
            throw new SrtpException(Reason.TOO_OLD, "SSRC " + ssrc + " packet from before its first one");
        }
        if (index > RolloverCounter.MAX_INDEX) {
            throw new SrtpException(Reason.INDEX_EXHAUSTED, "SRTP index of SSRC " + ssrc + " would wrap");
        }
    }

    private static void checkWindow(ReplayWindow window, long index, long ssrc) throws SrtpException {
        switch (window.check(index)) {
            case ReplayWindow.REPLAYED ->
                throw new SrtpException(Reason.REPLAYED, "SSRC " + ssrc + " index " + index + " seen before");
            case ReplayWindow.TOO_OLD -> throw new SrtpException(Reason.TOO_OLD,
                    "SSRC " + ssrc + " index " + index + " behind window ending " + window.highest());
            default -> { }
        }
    }

    private static void requireRoom(byte[] out, int outOff, int needed) throws SrtpException {
        if (outOff < 0 || outOff > out.length - needed) {
            throw new SrtpException(Reason.BUFFER_TOO_SMALL,
                    "need " + needed + " bytes at " + outOff + " in a buffer of " + out.length);
        }
    }

    private static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    @Override
    public String toString() {
        return "SrtpContext[" + profile + ", streams=" + streams.size() + ", windows="
                + Arrays.toString(new int[] {settings.rtpReplayWindow(), settings.rtcpReplayWindow()}) + "]";
    }
}
