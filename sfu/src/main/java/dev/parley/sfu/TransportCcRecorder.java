package dev.parley.sfu;

import dev.parley.rtp.ExtendedSequenceNumber;
import dev.parley.rtp.TransportCcFeedback;
import dev.parley.rtp.TransportCcFeedback.PacketStatus;
import dev.parley.rtp.TransportCcFeedback.Symbol;
import java.util.ArrayList;
import java.util.List;

/**
 * The receive side of transport-wide congestion control for one publisher's transport
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01): records when each packet with a transport-wide sequence
 * number arrived, and about every 100 ms turns what arrived since the last feedback into transport-cc feedback, as
 * libwebrtc's {@code RemoteEstimatorProxy} and mediasoup's {@code TransportCongestionControlServer} do. With it the
 * browser's own send-side estimator (GCC) sees the delay and loss of its uplink to the SFU and sends what the uplink
 * carries. Arrival times go into a preallocated ring: nothing is allocated per packet. Not thread-safe: owned by the
 * media loop; time is passed in.
 */
final class TransportCcRecorder {

    /** Packets awaiting feedback at most: 4 s of a 2.5 Mbit/s video; older ones are reported lost. */
    static final int WINDOW = 1 << 12;
    /** Packets one feedback describes at most, which keeps it well under the MTU (libwebrtc sends about 100). */
    static final int MAX_PER_FEEDBACK = 400;

    private final ExtendedSequenceNumber sequences = new ExtendedSequenceNumber();
    private final long[] arrivalMicros = new long[WINDOW];
    private final long[] sequenceAt = new long[WINDOW];
    private boolean started;
    private long nextToReport;
    private long highest = -1;
    private int feedbackCount;

    TransportCcRecorder() {
        java.util.Arrays.fill(sequenceAt, -1);
    }

    /** A packet carrying transport-wide sequence number {@code seq} arrived at {@code nowMicros}. */
    void record(int seq, long nowMicros) {
        long ext = sequences.extend(seq & 0xffff);
        if (!started) {
            started = true;
            nextToReport = ext;
        }
        if (ext < nextToReport) {
            return; // arrived after its feedback was sent (reported lost): too late to matter
        }
        if (ext - nextToReport >= WINDOW) {
            nextToReport = ext - WINDOW + 1; // a jump or a long silence: older unreported ones count as lost
        }
        int slot = (int) (ext & (WINDOW - 1));
        sequenceAt[slot] = ext;
        arrivalMicros[slot] = nowMicros;
        highest = Math.max(highest, ext);
    }

    /** Feedback for everything since the last call, or none if nothing arrived; each packet is described once. */
    List<TransportCcFeedback> takeFeedback(long senderSsrc, long mediaSsrc) {
        if (highest < nextToReport) {
            return List.of(); // the common case at each tick without media: nothing allocated
        }
        List<TransportCcFeedback> out = new ArrayList<>(1);
        while (highest >= nextToReport) {
            out.add(next(senderSsrc, mediaSsrc));
        }
        return out;
    }

    private TransportCcFeedback next(long senderSsrc, long mediaSsrc) {
        long base = nextToReport;
        List<PacketStatus> packets = new ArrayList<>();
        int reference = 0;
        long previous = 0;
        boolean anyReceived = false;
        long ext = base;
        for (; ext <= highest && packets.size() < MAX_PER_FEEDBACK; ext++) {
            int slot = (int) (ext & (WINDOW - 1));
            int seq = (int) (ext & 0xffff);
            if (sequenceAt[slot] != ext) {
                packets.add(new PacketStatus(seq, Symbol.NOT_RECEIVED, 0));
                continue;
            }
            long arrival = arrivalMicros[slot];
            if (!anyReceived) {
                // §3.1: the reference time is in 64 ms units; the first delta is measured from it.
                long units = Math.floorDiv(arrival, TransportCcFeedback.REFERENCE_TIME_UNIT_MICROS);
                reference = (int) (((units + (1 << 23)) & 0xff_ffff) - (1 << 23));
                previous = units * TransportCcFeedback.REFERENCE_TIME_UNIT_MICROS;
                anyReceived = true;
            }
            long ticks = Math.round((arrival - previous) / (double) TransportCcFeedback.DELTA_TICK_MICROS);
            if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
                break; // beyond a two-byte delta: this packet starts the next feedback
            }
            Symbol symbol = ticks >= 0 && ticks <= 255 ? Symbol.SMALL_DELTA : Symbol.LARGE_DELTA;
            packets.add(new PacketStatus(seq, symbol, (int) ticks));
            // Accumulate the rounded deltas, not the exact times, so rounding does not drift (as libwebrtc does).
            previous += ticks * TransportCcFeedback.DELTA_TICK_MICROS;
        }
        nextToReport = ext;
        return new TransportCcFeedback(senderSsrc, mediaSsrc, (int) (base & 0xffff), reference,
                feedbackCount++ & 0xff, packets);
    }
}
