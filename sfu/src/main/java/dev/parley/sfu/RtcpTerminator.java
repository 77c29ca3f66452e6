package dev.parley.sfu;

import dev.parley.rtp.FullIntraRequest;
import dev.parley.rtp.GenericNack;
import dev.parley.rtp.PictureLossIndication;
import dev.parley.rtp.ReceiverReport;
import dev.parley.rtp.ReportBlock;
import dev.parley.rtp.RtcpCompound;
import dev.parley.rtp.RtcpPacket;
import dev.parley.rtp.RtpParseException;
import dev.parley.rtp.SenderReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The SFU's end of RTCP (RFC 3550, 4585): it terminates each peer's RTCP and acts on it. From a subscriber, PLI
 * and FIR for a section become a keyframe request to the publisher of its track, and NACKs are answered from the
 * track's cache, each packet at most once per {@link ResendHistory#MIN_INTERVAL_NANOS} and within the subscriber's
 * retransmission budget. From a publisher, sender reports are rewritten for each subscriber. Towards publishers it
 * writes receiver reports. Not thread-safe: owned by the media loop; time is passed in.
 */
final class RtcpTerminator {

    private final MediaOutput output;
    private final SfuMetrics metrics;
    private final byte[] retransmit = new byte[PacketCache.MAX_PACKET];

    RtcpTerminator(MediaOutput output, SfuMetrics metrics) {
        this.output = output;
        this.metrics = metrics;
    }

    /** One decrypted SRTCP packet from {@code peer}. */
    void onRtcp(Peer peer, byte[] p, int n, long nowNanos) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpCompound.parse(p, 0, n);
        } catch (RtpParseException e) {
            metrics.drop(DropReason.MALFORMED);
            return;
        }
        for (RtcpPacket packet : packets) {
            switch (packet) {
                case SenderReport sr -> onSenderReport(peer, sr, nowNanos);
                case GenericNack nack -> onNack(peer, nack, nowNanos);
                case PictureLossIndication pli -> {
                    DownstreamSection d = peer.sectionsBySsrc.get(pli.mediaSsrc());
                    if (d != null) {
                        requestKeyframe(d.track, nowNanos);
                    }
                }
                case FullIntraRequest fir -> {
                    for (FullIntraRequest.Entry e : fir.entries()) {
                        DownstreamSection d = peer.sectionsBySsrc.get(e.ssrc());
                        if (d != null) {
                            requestKeyframe(d.track, nowNanos);
                        }
                    }
                }
                case ReceiverReport rr -> onReports(peer, rr.reports(), nowNanos);
                default -> {
                    // SDES, BYE, REMB, transport-cc: the SFU terminates them.
                }
            }
        }
    }

    /** A PLI to the track's publisher, at most one per {@link UpstreamTrack#KEYFRAME_INTERVAL_NANOS}. */
    void requestKeyframe(UpstreamTrack track, long nowNanos) {
        if (track == null || !track.source.isVideo() || !track.mayRequestKeyframe(nowNanos)) {
            return;
        }
        if (output.sendRtcp(track.publisher, new PictureLossIndication(track.publisher.rtcpSsrc, track.ssrc))) {
            metrics.keyframeRequests.increment();
        }
    }

    /** A NACK to the publisher for sequence numbers missing from one of its tracks. */
    void nack(UpstreamTrack track, List<Integer> missing) {
        output.sendRtcp(track.publisher, GenericNack.of(track.publisher.rtcpSsrc, track.ssrc, missing));
        metrics.nacksSent.increment();
    }

    /** The transport-cc feedback due to {@code publisher} (called every tick, about 100 ms). */
    void transportCcFeedback(Peer publisher) {
        UpstreamTrack any = publisher.published.values().stream().findFirst().orElse(null);
        long mediaSsrc = any == null ? 0 : any.ssrc;
        for (dev.parley.rtp.TransportCcFeedback fb : publisher.transportCc.takeFeedback(publisher.rtcpSsrc, mediaSsrc)) {
            if (output.sendRtcp(publisher, fb)) {
                metrics.transportCcFeedbacks.increment();
            }
        }
    }

    /** A receiver report about every track {@code publisher} sends (RFC 3550 §6.4.2), if any has started. */
    void receiverReport(Peer publisher, long nowNanos) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (UpstreamTrack t : publisher.published.values()) {
            ReportBlock b = t.reportBlock(nowNanos);
            if (b != null) {
                blocks.add(b);
            }
        }
        if (!blocks.isEmpty()) {
            output.sendRtcp(publisher, new ReceiverReport(publisher.rtcpSsrc, blocks));
        }
    }

    /** Report blocks about what the SFU sends {@code subscriber}: the worst video loss feeds its downlink estimate. */
    private void onReports(Peer subscriber, List<ReportBlock> blocks, long nowNanos) {
        int worst = -1;
        for (ReportBlock b : blocks) {
            DownstreamSection d = subscriber.sectionsBySsrc.get(b.ssrc());
            if (d != null && d.source != null && d.source.isVideo()) {
                worst = Math.max(worst, b.fractionLost());
            }
        }
        if (worst >= 0) {
            subscriber.downlink.onReport(worst, subscriber.bytesSent, nowNanos);
        }
    }

    private void onSenderReport(Peer peer, SenderReport sr, long nowNanos) {
        onReports(peer, sr.reports(), nowNanos);
        UpstreamTrack track = peer.publishedBySsrc.get(sr.ssrc());
        if (track == null) {
            return;
        }
        track.lastSenderReportNtpMiddle = (sr.ntpTimestamp() >>> 16) & 0xffff_ffffL;
        track.lastSenderReportNanos = nowNanos;
        for (DownstreamSection d : track.subscribers) {
            if (d.announced && d.subscriber.connected() && d.rewriter.sourceSsrc() == track.ssrc) {
                output.sendRtcp(d.subscriber, new SenderReport(d.outSsrc, sr.ntpTimestamp(),
                        d.rewriter.reportTimestamp(sr.rtpTimestamp()), sr.packetCount(), sr.octetCount(), List.of()));
            }
        }
    }

    private void onNack(Peer subscriber, GenericNack nack, long nowNanos) {
        DownstreamSection d = subscriber.sectionsBySsrc.get(nack.mediaSsrc());
        metrics.nacksReceived.increment();
        if (d == null || d.track == null || d.track.cache == null) {
            return;
        }
        if (d.resends == null) {
            d.resends = new ResendHistory(UpstreamTrack.CACHE_PACKETS);
        }
        for (int seq : nack.lostSequenceNumbers()) {
            int source = d.rewriter.sourceSequence(seq);
            if (!d.track.cache.contains(source)) {
                continue;
            }
            if (!d.resends.mayResend(seq, nowNanos) || !subscriber.retransmissionBudget.take(nowNanos)) {
                metrics.drop(DropReason.NACK_LIMITED);
                continue;
            }
            int length = d.track.cache.get(source, retransmit);
            output.forward(d, retransmit, length);
            metrics.retransmissions.increment();
        }
    }
}
