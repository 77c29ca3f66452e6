package dev.parley.srtp.internal;

/**
 * Per-SSRC state inside one SRTP context: the SRTP rollover counter and replay window, the SRTCP index (sending)
 * and SRTCP replay window (receiving). Windows are created when first needed.
 *
 * <p>Not thread-safe: owned by the thread that owns its {@code SrtpContext}.
 */
public final class StreamState {

    private final long ssrc;
    private final RolloverCounter rollover = new RolloverCounter();
    private ReplayWindow rtpWindow;
    private ReplayWindow rtcpWindow;
    private long nextRtcpIndex;

    public StreamState(long ssrc) {
        this.ssrc = ssrc;
    }

    public long ssrc() {
        return ssrc;
    }

    public RolloverCounter rollover() {
        return rollover;
    }

    public ReplayWindow rtpWindow(int size) {
        if (rtpWindow == null) {
            rtpWindow = new ReplayWindow(size);
        }
        return rtpWindow;
    }

    public ReplayWindow rtcpWindow(int size) {
        if (rtcpWindow == null) {
            rtcpWindow = new ReplayWindow(size);
        }
        return rtcpWindow;
    }

    /** RFC 3711 §3.4: the SRTCP index starts at 0 and counts packets sent. */
    public long nextRtcpIndex() {
        return nextRtcpIndex;
    }

    public void setNextRtcpIndex(long index) {
        this.nextRtcpIndex = index;
    }
}
