package dev.parley.sdp;

/**
 * Bounds on what the parser accepts, so that hostile text costs little. The defaults are far above what browsers
 * send: a Chrome offer with three simulcast video tracks, audio and a data channel is about 120 lines and 8 KiB,
 * and its longest line (an {@code a=candidate} or {@code a=fingerprint:sha-512}) under 200 characters. A subscriber
 * offer from the SFU to a 50-person room is about 50 sections of ~40 lines.
 *
 * @param maxChars       total characters, checked before anything is split
 * @param maxLines       lines, blank ones included
 * @param maxLineLength  characters in one line, without its line ending
 */
public record SdpLimits(int maxChars, int maxLines, int maxLineLength) {

    /** 256 KiB, 8,192 lines, 4,096 characters a line. */
    public static final SdpLimits DEFAULT = new SdpLimits(256 * 1024, 8192, 4096);

    public SdpLimits {
        if (maxChars <= 0 || maxLines <= 0 || maxLineLength <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
