package dev.parley.sfu;

/**
 * The sequence number and timestamp one outgoing stream writes (RFC 3550 §5.1): the source's values plus offsets.
 * When the source changes (a new publisher SSRC on the same outgoing stream) the offsets are recomputed so the
 * outgoing sequence continues at the next number and the timestamp moves a little forward: the receiver sees one
 * continuous stream. Retransmissions and reordered packets get the same offsets, so they land where they belong.
 * Not thread-safe: owned by the media loop.
 */
final class StreamRewriter {

    /** Timestamp step written across a source switch: one 30 fps video frame at 90 kHz, 3.3 ms of 48 kHz audio. */
    static final long SWITCH_TIMESTAMP_STEP = 3000;

    private long sourceSsrc = -1;
    private int seqOffset;
    private long tsOffset;
    private boolean started;
    private int lastSeq;
    private long lastTs;

    /** Call before {@link #sequence}/{@link #timestamp} for each packet of {@code ssrc}, in arrival order. */
    void source(long ssrc, int seq, long ts) {
        if (ssrc == sourceSsrc) {
            return;
        }
        sourceSsrc = ssrc;
        if (started) {
            seqOffset = ((lastSeq + 1) - seq) & 0xffff;
            tsOffset = (lastTs + SWITCH_TIMESTAMP_STEP - ts) & 0xffff_ffffL;
        } else {
            seqOffset = 0;
            tsOffset = 0;
        }
    }

    /** The outgoing sequence number of source sequence {@code seq}. */
    int sequence(int seq) {
        int out = (seq + seqOffset) & 0xffff;
        if (!started || ((out - lastSeq) & 0xffff) < 0x8000) {
            lastSeq = out;
        }
        started = true;
        return out;
    }

    /** The outgoing timestamp of source timestamp {@code ts}. */
    long timestamp(long ts) {
        long out = (ts + tsOffset) & 0xffff_ffffL;
        lastTs = out;
        return out;
    }

    /** The source sequence number an outgoing one came from (for NACKs), under the current offsets. */
    int sourceSequence(int outSeq) {
        return (outSeq - seqOffset) & 0xffff;
    }

    /** The outgoing timestamp for a sender report's RTP timestamp, under the current offsets. */
    long reportTimestamp(long ts) {
        return (ts + tsOffset) & 0xffff_ffffL;
    }

    long sourceSsrc() {
        return sourceSsrc;
    }
}
