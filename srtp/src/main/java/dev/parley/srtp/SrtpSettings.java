package dev.parley.srtp;

/**
 * Limits of one {@link SrtpContext}.
 *
 * @param rtpReplayWindow SRTP replay window in packets, a power of two ≥ 64 (RFC 3711 §3.3.2 asks at least 64)
 * @param rtcpReplayWindow SRTCP replay window in packets, a power of two ≥ 64
 * @param maxSsrcs streams the context keeps state for; more are refused so a peer cannot grow it without bound
 */
public record SrtpSettings(int rtpReplayWindow, int rtcpReplayWindow, int maxSsrcs) {

    /**
     * 1024 packets for SRTP, the window libwebrtc configures, since a video keyframe burst can arrive reordered by
     * hundreds of packets; 128 for SRTCP, which carries a few packets per second; 64 streams, several times what
     * one browser sends over a BUNDLE transport (audio, three simulcast layers, their RTX, screen share).
     */
    public static final SrtpSettings DEFAULT = new SrtpSettings(1024, 128, 64);

    public SrtpSettings {
        checkWindow(rtpReplayWindow);
        checkWindow(rtcpReplayWindow);
        if (maxSsrcs < 1) {
            throw new IllegalArgumentException("maxSsrcs must be positive: " + maxSsrcs);
        }
    }

    private static void checkWindow(int size) {
        if (size < 64 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("replay window must be a power of two ≥ 64: " + size);
        }
    }
}
