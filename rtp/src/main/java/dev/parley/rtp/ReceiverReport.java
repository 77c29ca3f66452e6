package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * RR: receiver report, PT 201 (RFC 3550 §6.4.2). Profile-specific extensions after the blocks are skipped.
 *
 * @param ssrc the reporting receiver
 * @param reports up to 31 report blocks (zero is valid: an empty RR heads a compound of a silent receiver)
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    private static final int FIXED = 8;

    public ReceiverReport {
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks (5-bit RC): " + reports.size());
        }
    }

    static ReceiverReport parse(RtcpHeader header, byte[] b, int off, int contentLength) throws RtpParseException {
        int needed = FIXED + ReportBlock.LENGTH * header.count();
        if (needed > contentLength) {
            throw new RtpParseException(Reason.TRUNCATED,
                    "RR with " + header.count() + " blocks needs " + needed + " bytes, has " + contentLength);
        }
        List<ReportBlock> blocks = new ArrayList<>(header.count());
        for (int i = 0; i < header.count(); i++) {
            blocks.add(ReportBlock.parse(b, off + FIXED + ReportBlock.LENGTH * i));
        }
        return new ReceiverReport(Bytes.u32(b, off + 4), blocks);
    }

    @Override
    public int encodedLength() {
        return FIXED + ReportBlock.LENGTH * reports.size();
    }

    @Override
    public int encode(byte[] out, int off) {
        int length = encodedLength();
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(reports.size(), RtcpHeader.RR, length, out, off);
        Bytes.put32(out, off + 4, ssrc);
        for (int i = 0; i < reports.size(); i++) {
            reports.get(i).encode(out, off + FIXED + ReportBlock.LENGTH * i);
        }
        return length;
    }
}
