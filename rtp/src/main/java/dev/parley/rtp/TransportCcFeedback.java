package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport-wide congestion control feedback: PT 205, FMT 15 (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1). After the two SSRCs: {@code base seq (16) | status count (16) | reference time (24) | fb pkt count (8)},
 * then packet status chunks, then one receive delta per received packet.
 *
 * <p>Chunks (§3.1.3, §3.1.4): a run-length chunk {@code 0 | S (2) | run (13)} repeats one symbol; a status vector
 * {@code 1 | S (1) | symbols (14)} holds 14 one-bit symbols (S=0: not received / small delta) or 7 two-bit
 * symbols (S=1). Deltas (§3.1.5) are in 250 µs ticks: a small delta is one unsigned byte, a large or negative one
 * two signed bytes. The parse expands the chunks into one {@link PacketStatus} per packet.
 *
 * @param senderSsrc source of the feedback
 * @param mediaSsrc media source (browsers put one of the sender's SSRCs or 0)
 * @param baseSequence transport-wide sequence number of the first packet described
 * @param referenceTime signed 24-bit reference time in multiples of 64 ms
 * @param feedbackPacketCount 8-bit counter of feedback packets sent, for loss detection
 * @param packets the described packets in order, from {@code baseSequence}
 */
public record TransportCcFeedback(long senderSsrc, long mediaSsrc, int baseSequence, int referenceTime,
        int feedbackPacketCount, List<PacketStatus> packets) implements RtcpPacket {

    public static final int FMT = 15;
    /** §3.1.5: receive deltas count 250 µs ticks. */
    public static final int DELTA_TICK_MICROS = 250;
    /** §3.1: reference time counts 64 ms units. */
    public static final int REFERENCE_TIME_UNIT_MICROS = 64_000;
    private static final int FIXED = 20;
    private static final int MAX_RUN = 0x1FFF;

    /** §3.1.1 packet status symbols; the value is the 2-bit code. */
    public enum Symbol {
        NOT_RECEIVED, SMALL_DELTA, LARGE_DELTA;

        static Symbol of(int code) throws RtpParseException {
            return switch (code) {
                case 0 -> NOT_RECEIVED;
                case 1 -> SMALL_DELTA;
                case 2 -> LARGE_DELTA;
                default -> throw new RtpParseException(Reason.BAD_FIELD, "reserved transport-cc status symbol 3");
            };
        }
    }

    /**
     * One described packet.
     *
     * @param sequenceNumber transport-wide sequence number
     * @param symbol how it was received
     * @param deltaTicks receive delta in 250 µs ticks from the previous received packet (or the reference time);
     *     0 for a packet not received
     */
    public record PacketStatus(int sequenceNumber, Symbol symbol, int deltaTicks) {
        public PacketStatus {
            boolean fits = switch (symbol) {
                case NOT_RECEIVED -> deltaTicks == 0;
                case SMALL_DELTA -> deltaTicks >= 0 && deltaTicks <= 255;
                case LARGE_DELTA -> deltaTicks >= Short.MIN_VALUE && deltaTicks <= Short.MAX_VALUE;
            };
            if (!fits) {
                throw new IllegalArgumentException("delta " + deltaTicks + " does not fit symbol " + symbol);
            }
        }

        public boolean received() {
            return symbol != Symbol.NOT_RECEIVED;
        }

        public long deltaMicros() {
            return (long) deltaTicks * DELTA_TICK_MICROS;
        }
    }

    public TransportCcFeedback {
        packets = List.copyOf(packets);
        if (packets.size() > 0xFFFF) {
            throw new IllegalArgumentException("at most 65535 packets: " + packets.size());
        }
        if (referenceTime < -(1 << 23) || referenceTime >= (1 << 23)) {
            throw new IllegalArgumentException("reference time must fit 24 signed bits: " + referenceTime);
        }
    }

    public long referenceTimeMicros() {
        return (long) referenceTime * REFERENCE_TIME_UNIT_MICROS;
    }

    static TransportCcFeedback parse(byte[] b, int off, int contentLength) throws RtpParseException {
        if (contentLength < FIXED) {
            throw new RtpParseException(Reason.TRUNCATED, "transport-cc feedback of " + contentLength + " bytes");
        }
        int end = off + contentLength;
        int base = Bytes.u16(b, off + 12);
        int count = Bytes.u16(b, off + 14);
        List<Symbol> symbols = new ArrayList<>(Math.min(count, 8 * contentLength));
        int pos = off + FIXED;
        while (symbols.size() < count) {
            if (pos + 2 > end) {
                throw new RtpParseException(Reason.TRUNCATED,
                        "chunks describe " + symbols.size() + " of " + count + " packets");
            }
            readChunk(Bytes.u16(b, pos), count - symbols.size(), symbols);
            pos += 2;
        }
        List<PacketStatus> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Symbol symbol = symbols.get(i);
            int delta = 0;
            if (symbol == Symbol.SMALL_DELTA) {
                if (pos + 1 > end) {
                    throw new RtpParseException(Reason.TRUNCATED, "small delta " + i + " past the end");
                }
                delta = Bytes.u8(b, pos++);
            } else if (symbol == Symbol.LARGE_DELTA) {
                if (pos + 2 > end) {
                    throw new RtpParseException(Reason.TRUNCATED, "large delta " + i + " past the end");
                }
                delta = (short) Bytes.u16(b, pos);
                pos += 2;
            }
            packets.add(new PacketStatus(SequenceNumbers.add(base, i), symbol, delta));
        }
        return new TransportCcFeedback(Bytes.u32(b, off + 4), Bytes.u32(b, off + 8), base, Bytes.s24(b, off + 16),
                Bytes.u8(b, off + 19), packets);
    }

    /** Appends at most {@code wanted} symbols of one chunk; symbols past the status count are padding. */
    private static void readChunk(int chunk, int wanted, List<Symbol> out) throws RtpParseException {
        if ((chunk & 0x8000) == 0) {
            Symbol symbol = Symbol.of((chunk >>> 13) & 3);
            int run = Math.min(chunk & MAX_RUN, wanted);
            for (int i = 0; i < run; i++) {
                out.add(symbol);
            }
        } else if ((chunk & 0x4000) == 0) {
            for (int i = 0; i < 14 && i < wanted; i++) {
                out.add(Symbol.of((chunk >>> (13 - i)) & 1));
            }
        } else {
            for (int i = 0; i < 7 && i < wanted; i++) {
                out.add(Symbol.of((chunk >>> (12 - 2 * i)) & 3));
            }
        }
    }

    /** The chunks that encode {@link #packets}: run-length for long runs, else the densest status vector fitting. */
    List<Integer> chunks() {
        List<Integer> chunks = new ArrayList<>();
        int n = packets.size();
        int i = 0;
        while (i < n) {
            Symbol first = packets.get(i).symbol();
            int run = 1;
            while (i + run < n && run < MAX_RUN && packets.get(i + run).symbol() == first) {
                run++;
            }
            boolean oneBit = oneBitFits(i, n);
            // A run-length chunk wins when the run is at least as long as the vector that could replace it.
            if (run >= (oneBit ? 14 : 7) || i + run == n) {
                chunks.add((first.ordinal() << 13) | run);
                i += run;
            } else if (oneBit) {
                int chunk = 0x8000;
                for (int k = 0; k < 14 && i + k < n; k++) {
                    chunk |= packets.get(i + k).symbol().ordinal() << (13 - k);
                }
                chunks.add(chunk);
                i += 14;
            } else {
                int chunk = 0xC000;
                for (int k = 0; k < 7 && i + k < n; k++) {
                    chunk |= packets.get(i + k).symbol().ordinal() << (12 - 2 * k);
                }
                chunks.add(chunk);
                i += 7;
            }
        }
        return chunks;
    }

    private boolean oneBitFits(int from, int n) {
        for (int k = from; k < from + 14 && k < n; k++) {
            if (packets.get(k).symbol() == Symbol.LARGE_DELTA) {
                return false;
            }
        }
        return true;
    }

    private int unpaddedLength(int chunkCount) {
        int n = FIXED + 2 * chunkCount;
        for (PacketStatus p : packets) {
            n += switch (p.symbol()) {
                case NOT_RECEIVED -> 0;
                case SMALL_DELTA -> 1;
                case LARGE_DELTA -> 2;
            };
        }
        return n;
    }

    @Override
    public int encodedLength() {
        return (unpaddedLength(chunks().size()) + 3) & ~3;
    }

    @Override
    public int encode(byte[] out, int off) {
        List<Integer> chunks = chunks();
        int unpadded = unpaddedLength(chunks.size());
        int length = (unpadded + 3) & ~3;
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(FMT, RtcpHeader.RTPFB, length, out, off);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, mediaSsrc);
        Bytes.put16(out, off + 12, baseSequence & 0xFFFF);
        Bytes.put16(out, off + 14, packets.size());
        Bytes.put24(out, off + 16, referenceTime & 0xFFFFFF);
        Bytes.put8(out, off + 19, feedbackPacketCount);
        int pos = off + FIXED;
        for (int chunk : chunks) {
            Bytes.put16(out, pos, chunk);
            pos += 2;
        }
        for (PacketStatus p : packets) {
            if (p.symbol() == Symbol.SMALL_DELTA) {
                Bytes.put8(out, pos++, p.deltaTicks());
            } else if (p.symbol() == Symbol.LARGE_DELTA) {
                Bytes.put16(out, pos, p.deltaTicks() & 0xFFFF);
                pos += 2;
            }
        }
        if (length > unpadded) {
            // RFC 3550 §6.4.1 padding: zeros, the last byte counting them, P bit set.
            while (pos < off + length - 1) {
                out[pos++] = 0;
            }
            out[pos] = (byte) (length - unpadded);
            out[off] |= 0x20;
        }
        return length;
    }
}
