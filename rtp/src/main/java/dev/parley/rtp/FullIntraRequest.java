package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * FIR: payload-specific feedback PT 206, FMT 4 (RFC 5104 §4.3.1). The media-source field is unused (zero); each
 * FCI entry names a target SSRC and a command sequence number that the sender increments per new request, so that
 * repeats of one request are recognised.
 *
 * @param senderSsrc source of the request
 * @param entries at least one target
 */
public record FullIntraRequest(long senderSsrc, List<Entry> entries) implements RtcpPacket {

    public static final int FMT = 4;
    private static final int FIXED = 12;

    /** One FCI entry: {@code SSRC (32) | seq nr (8) | reserved (24)}. */
    public record Entry(long ssrc, int sequenceNumber) {
        public Entry {
            if (sequenceNumber < 0 || sequenceNumber > 255) {
                throw new IllegalArgumentException("FIR sequence number must be 0..255: " + sequenceNumber);
            }
        }
    }

    public FullIntraRequest {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a FIR has at least one entry");
        }
    }

    static FullIntraRequest parse(byte[] b, int off, int contentLength) throws RtpParseException {
        if (contentLength < FIXED + 8) {
            throw new RtpParseException(Reason.TRUNCATED, "FIR of " + contentLength + " bytes has no entry");
        }
        int count = (contentLength - FIXED) / 8;
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = off + FIXED + 8 * i;
            entries.add(new Entry(Bytes.u32(b, at), Bytes.u8(b, at + 4)));
        }
        return new FullIntraRequest(Bytes.u32(b, off + 4), entries);
    }

    @Override
    public int encodedLength() {
        return FIXED + 8 * entries.size();
    }

    @Override
    public int encode(byte[] out, int off) {
        int length = encodedLength();
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(FMT, RtcpHeader.PSFB, length, out, off);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, 0); // RFC 5104 §4.3.1.2: media source SSRC SHALL be 0
        for (int i = 0; i < entries.size(); i++) {
            int at = off + FIXED + 8 * i;
            Bytes.put32(out, at, entries.get(i).ssrc());
            Bytes.put32(out, at + 4, (long) entries.get(i).sequenceNumber() << 24);
        }
        return length;
    }
}
