package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * SR: sender report, PT 200 (RFC 3550 §6.4.1). Profile-specific extensions after the report blocks are skipped.
 *
 * @param ssrc sender
 * @param ntpTimestamp 64-bit NTP wallclock time of this report
 * @param rtpTimestamp the same instant in RTP timestamp units
 * @param packetCount packets sent since the start
 * @param octetCount payload octets sent since the start
 * @param reports up to 31 report blocks
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) implements RtcpPacket {

    private static final int FIXED = 28;

    public SenderReport {
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks (5-bit RC): " + reports.size());
        }
    }

    static SenderReport parse(RtcpHeader header, byte[] b, int off, int contentLength) throws RtpParseException {
        int needed = FIXED + ReportBlock.LENGTH * header.count();
        if (needed > contentLength) {
            throw new RtpParseException(Reason.TRUNCATED,
                    "SR with " + header.count() + " blocks needs " + needed + " bytes, has " + contentLength);
        }
        List<ReportBlock> blocks = new ArrayList<>(header.count());
        for (int i = 0; i < header.count(); i++) {
            blocks.add(ReportBlock.parse(b, off + FIXED + ReportBlock.LENGTH * i));
        }
        return new SenderReport(Bytes.u32(b, off + 4), Bytes.u64(b, off + 8), Bytes.u32(b, off + 16),
                Bytes.u32(b, off + 20), Bytes.u32(b, off + 24), blocks);
    }

    @Override
    public int encodedLength() {
        return FIXED + ReportBlock.LENGTH * reports.size();
    }

    @Override
    public int encode(byte[] out, int off) {
        int length = encodedLength();
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(reports.size(), RtcpHeader.SR, length, out, off);
        Bytes.put32(out, off + 4, ssrc);
        Bytes.put64(out, off + 8, ntpTimestamp);
        Bytes.put32(out, off + 16, rtpTimestamp);
        Bytes.put32(out, off + 20, packetCount);
        Bytes.put32(out, off + 24, octetCount);
        for (int i = 0; i < reports.size(); i++) {
            reports.get(i).encode(out, off + FIXED + ReportBlock.LENGTH * i);
        }
        return length;
    }
}
