package dev.parley.sdp;

import java.util.List;

/**
 * A track the SFU sends to one peer, as a media section announces it: {@code a=msid} (RFC 8830 §2) plus
 * {@code a=ssrc} lines with cname and msid (RFC 5576 §4.1) and, with RTX, {@code a=ssrc-group:FID} (RFC 4588 §8.1).
 * The SSRCs are the SFU's rewritten ones for this peer, not the publisher's.
 *
 * @param streamId the stream the receiver groups the track into; Parley uses the publishing participant's id
 * @param rtxSsrc  {@link #NO_RTX} when the track is sent without RTX
 */
public record ForwardedTrack(String streamId, String trackId, long ssrc, long rtxSsrc, String cname) {

    public static final long NO_RTX = -1;

    public boolean hasRtx() {
        return rtxSsrc != NO_RTX;
    }

    /** Adds the msid, ssrc-group and ssrc lines to a section being built. */
    public void writeTo(MediaDescription.Builder b) {
        b.msid(new Msid(streamId, trackId));
        if (hasRtx()) {
            b.ssrcGroup(new SsrcGroup(SsrcGroup.FID, List.of(ssrc, rtxSsrc)));
        }
        ssrcLines(b, ssrc);
        if (hasRtx()) {
            ssrcLines(b, rtxSsrc);
        }
    }

    private void ssrcLines(MediaDescription.Builder b, long id) {
        b.ssrc(new SsrcAttribute(id, SsrcAttribute.CNAME, cname));
        b.ssrc(new SsrcAttribute(id, SsrcAttribute.MSID, streamId + " " + trackId));
    }
}
