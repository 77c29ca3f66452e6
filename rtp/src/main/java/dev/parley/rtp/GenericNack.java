package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Generic NACK: transport-layer feedback PT 205, FMT 1 (RFC 4585 §6.2.1). Each FCI entry is a packet id (PID) and a
 * bitmask of following lost packets (BLP): bit i set means PID + i + 1 is lost too, so one entry covers 17
 * sequence numbers. This record holds the expanded list of lost sequence numbers.
 *
 * @param senderSsrc source of the feedback
 * @param mediaSsrc source the losses belong to
 * @param lostSequenceNumbers lost packets in RTP order, without duplicates
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<Integer> lostSequenceNumbers) implements RtcpPacket {

    public static final int FMT = 1;
    private static final int FIXED = 12;

    public GenericNack {
        lostSequenceNumbers = List.copyOf(lostSequenceNumbers);
        if (lostSequenceNumbers.isEmpty()) {
            throw new IllegalArgumentException("a NACK names at least one lost packet");
        }
    }

    /**
     * Builds a NACK from lost sequence numbers in any order, wrap included: they are ordered along RTP order
     * starting from the first one given, and duplicates are dropped.
     */
    public static GenericNack of(long senderSsrc, long mediaSsrc, List<Integer> lost) {
        Set<Integer> unique = new LinkedHashSet<>();
        for (int seq : lost) {
            unique.add(seq & 0xFFFF);
        }
        List<Integer> ordered = new ArrayList<>(unique);
        if (!ordered.isEmpty()) {
            int origin = ordered.get(0);
            ordered.sort((a, b) -> Integer.compare((a - origin) & 0xFFFF, (b - origin) & 0xFFFF));
        }
        return new GenericNack(senderSsrc, mediaSsrc, ordered);
    }

    static GenericNack parse(byte[] b, int off, int contentLength) throws RtpParseException {
        int entries = (contentLength - FIXED) / 4;
        if (contentLength < FIXED + 4) {
            throw new RtpParseException(Reason.TRUNCATED, "NACK of " + contentLength + " bytes has no FCI");
        }
        List<Integer> lost = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (int i = 0; i < entries; i++) {
            int at = off + FIXED + 4 * i;
            int pid = Bytes.u16(b, at);
            int blp = Bytes.u16(b, at + 2);
            addOnce(pid, seen, lost);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    addOnce(SequenceNumbers.add(pid, bit + 1), seen, lost);
                }
            }
        }
        return new GenericNack(Bytes.u32(b, off + 4), Bytes.u32(b, off + 8), lost);
    }

    private static void addOnce(int seq, Set<Integer> seen, List<Integer> out) {
        if (seen.add(seq)) {
            out.add(seq);
        }
    }

    /** The (PID, BLP) pairs, each packed as {@code pid << 16 | blp}, covering the lost list greedily. */
    public int[] fciEntries() {
        List<Integer> entries = new ArrayList<>();
        int i = 0;
        while (i < lostSequenceNumbers.size()) {
            int pid = lostSequenceNumbers.get(i++);
            int blp = 0;
            while (i < lostSequenceNumbers.size()) {
                int distance = SequenceNumbers.diff(lostSequenceNumbers.get(i), pid);
                if (distance < 1 || distance > 16) {
                    break;
                }
                blp |= 1 << (distance - 1);
                i++;
            }
            entries.add((pid << 16) | blp);
        }
        return entries.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int encodedLength() {
        return FIXED + 4 * fciEntries().length;
    }

    @Override
    public int encode(byte[] out, int off) {
        int[] entries = fciEntries();
        int length = FIXED + 4 * entries.length;
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(FMT, RtcpHeader.RTPFB, length, out, off);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, mediaSsrc);
        for (int i = 0; i < entries.length; i++) {
            Bytes.put32(out, off + FIXED + 4 * i, entries[i] & 0xFFFF_FFFFL);
        }
        return length;
    }
}
