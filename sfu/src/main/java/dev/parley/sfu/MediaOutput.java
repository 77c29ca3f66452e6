package dev.parley.sfu;

import dev.parley.rtp.RtcpCompound;
import dev.parley.rtp.RtcpPacket;
import dev.parley.srtp.SrtpException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The last stage of the packet path: rewrite for a section, protect with the subscriber's keys, send to the peer's
 * media address, and count. Owns the loop's reusable output buffers, so nothing is allocated per forwarded packet.
 * Not thread-safe: owned by the media loop.
 */
final class MediaOutput {

    private static final int BUFFER = 2048;

    private final SfuEngine.Sender sender;
    private final SfuMetrics metrics;
    private final byte[] out = new byte[BUFFER];
    private final byte[] encrypted = new byte[BUFFER];
    private final byte[] rtcpPlain = new byte[BUFFER];
    private final byte[] rtcpEncrypted = new byte[BUFFER];

    MediaOutput(SfuEngine.Sender sender, SfuMetrics metrics) {
        this.sender = sender;
        this.metrics = metrics;
    }

    /** Rewrites one plaintext RTP packet for a section and sends it, protected with the subscriber's keys. */
    void forward(DownstreamSection d, byte[] p, int n) {
        int length = PacketBytes.rewrite(d, p, n, out);
        if (length < 0) {
            metrics.drop(DropReason.MALFORMED);
            return;
        }
        try {
            int protectedLength = d.subscriber.sender.protectRtp(out, 0, length, encrypted, 0);
            if (sendTo(d.subscriber, encrypted, protectedLength)) {
                metrics.rtpOut.increment();
            }
        } catch (SrtpException e) {
            metrics.drop(DropReason.SRTP);
        }
    }

    /** Sends one RTCP packet to a connected peer; false when it could not. */
    boolean sendRtcp(Peer peer, RtcpPacket packet) {
        if (!peer.connected()) {
            return false;
        }
        int n = RtcpCompound.encode(List.of(packet), rtcpPlain, 0);
        try {
            int length = peer.sender.protectRtcp(rtcpPlain, 0, n, rtcpEncrypted, 0);
            if (sendTo(peer, rtcpEncrypted, length)) {
                metrics.rtcpOut.increment();
                return true;
            }
        } catch (SrtpException e) {
            metrics.drop(DropReason.SRTP);
        }
        return false;
    }

    /** SRTP and SRTCP go to the peer's media address only (never to one a check alone named). */
    boolean sendTo(Peer peer, byte[] buf, int len) {
        if (peer.mediaAddress != null && send(buf, 0, len, peer.mediaAddress)) {
            peer.bytesSent += len;
            return true;
        }
        return false;
    }

    /** DTLS goes where the handshake runs: before it, where ICE says (Chrome waits for our flight to nominate). */
    void sendDtls(Peer peer, byte[] datagram) {
        InetSocketAddress to = peer.mediaAddress != null ? peer.mediaAddress : peer.ice.destination().orElse(null);
        if (to != null) {
            send(datagram, 0, datagram.length, to);
        }
    }

    boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        if (sender.send(buf, off, len, to)) {
            metrics.bytesOut.add(len);
            return true;
        }
        metrics.drop(DropReason.SEND_FAILED);
        return false;
    }
}
