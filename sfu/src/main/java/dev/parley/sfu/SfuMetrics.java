package dev.parley.sfu;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The SFU's counters; written on the media loop, read by the metrics endpoint from any thread. */
public final class SfuMetrics {

    final LongAdder rtpIn = new LongAdder();
    final LongAdder rtpOut = new LongAdder();
    final LongAdder rtcpIn = new LongAdder();
    final LongAdder rtcpOut = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder nacksReceived = new LongAdder();
    final LongAdder nacksSent = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder keyframeRequests = new LongAdder();
    final LongAdder handshakes = new LongAdder();
    final LongAdder handshakeFailures = new LongAdder();
    final LongAdder consentExpiries = new LongAdder();
    final LongAdder offers = new LongAdder();
    final LongAdder transportCcPackets = new LongAdder();
    final LongAdder transportCcFeedbacks = new LongAdder();
    final LatencyHistogram forwarding = new LatencyHistogram();
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    volatile int transports;
    volatile int connectedTransports;
    volatile int tracks;

    void drop(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    public long drops(DropReason reason) {
        return drops.get(reason.ordinal());
    }

    public long rtpPacketsReceived() {
        return rtpIn.sum();
    }

    public long rtpPacketsSent() {
        return rtpOut.sum();
    }

    public long rtcpPacketsReceived() {
        return rtcpIn.sum();
    }

    public long rtcpPacketsSent() {
        return rtcpOut.sum();
    }

    public long bytesReceived() {
        return bytesIn.sum();
    }

    public long bytesSent() {
        return bytesOut.sum();
    }

    public long nacksReceived() {
        return nacksReceived.sum();
    }

    public long nacksSent() {
        return nacksSent.sum();
    }

    public long retransmissions() {
        return retransmissions.sum();
    }

    public long keyframeRequests() {
        return keyframeRequests.sum();
    }

    public long handshakes() {
        return handshakes.sum();
    }

    public long handshakeFailures() {
        return handshakeFailures.sum();
    }

    public long consentExpiries() {
        return consentExpiries.sum();
    }

    /** Time spent on each RTP/RTCP datagram from its receive to the last send of its copies. */
    public LatencyHistogram forwardingLatency() {
        return forwarding;
    }

    /** Received RTP packets that carried a transport-wide sequence number. */
    public long transportCcPackets() {
        return transportCcPackets.sum();
    }

    /** Transport-cc feedback packets sent to publishers. */
    public long transportCcFeedbacks() {
        return transportCcFeedbacks.sum();
    }

    public long offers() {
        return offers.sum();
    }

    /** SFU connections that exist (offered, connecting or connected). */
    public int transports() {
        return transports;
    }

    /** SFU connections whose DTLS handshake is done. */
    public int connectedTransports() {
        return connectedTransports;
    }

    /** Published tracks with a known SSRC. */
    public int tracks() {
        return tracks;
    }
}
