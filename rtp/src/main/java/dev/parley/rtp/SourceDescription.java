package dev.parley.rtp;

import dev.parley.rtp.RtpParseException.Reason;
import dev.parley.rtp.internal.Bytes;
import dev.parley.rtp.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SDES: source description, PT 202 (RFC 3550 §6.5). Each chunk is an SSRC followed by items
 * {@code type (8) | length (8) | text}, ended by a zero byte and padded to a 32-bit boundary.
 *
 * @param chunks up to 31 chunks
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** RFC 3550 §6.5.1: CNAME, the item browsers always send. */
    public static final int CNAME = 1;

    /**
     * One SDES item; the text is UTF-8 (RFC 3550 §6.5) and at most 255 bytes encoded.
     */
    public record Item(int type, String text) {
        public Item {
            if (type < 1 || type > 255) {
                throw new IllegalArgumentException("SDES item type must be 1..255: " + type);
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("SDES item longer than 255 bytes");
            }
        }
    }

    /** The items describing one source. */
    public record Chunk(long ssrc, List<Item> items) {
        public Chunk {
            items = List.copyOf(items);
        }

        int encodedLength() {
            int n = 4;
            for (Item item : items) {
                n += 2 + item.text().getBytes(StandardCharsets.UTF_8).length;
            }
            return (n + 1 + 3) & ~3; // at least one terminating zero byte, then pad to 32 bits
        }
    }

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > 31) {
            throw new IllegalArgumentException("at most 31 chunks (5-bit SC): " + chunks.size());
        }
    }

    static SourceDescription parse(RtcpHeader header, byte[] b, int off, int contentLength)
            throws RtpParseException {
        int end = off + contentLength;
        int pos = off + RtcpHeader.LENGTH;
        List<Chunk> chunks = new ArrayList<>(header.count());
        for (int c = 0; c < header.count(); c++) {
            if (pos + 4 > end) {
                throw new RtpParseException(Reason.TRUNCATED, "SDES chunk " + c + " past the end");
            }
            long ssrc = Bytes.u32(b, pos);
            pos += 4;
            List<Item> items = new ArrayList<>();
            while (true) {
                if (pos >= end) {
                    throw new RtpParseException(Reason.TRUNCATED, "SDES chunk " + c + " without terminator");
                }
                int type = b[pos] & 0xFF;
                if (type == 0) {
                    pos = off + ((pos - off + 4) & ~3); // terminator plus padding to the next 32-bit boundary
                    break;
                }
                if (pos + 2 > end || pos + 2 + (b[pos + 1] & 0xFF) > end) {
                    throw new RtpParseException(Reason.BAD_LENGTH, "SDES item of type " + type + " past the end");
                }
                int len = b[pos + 1] & 0xFF;
                String text = Utf8.decodeOrNull(b, pos + 2, len);
                if (text == null) {
                    throw new RtpParseException(Reason.BAD_FIELD, "SDES item of type " + type + " is not UTF-8");
                }
                items.add(new Item(type, text));
                pos += 2 + len;
            }
            chunks.add(new Chunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    @Override
    public int encodedLength() {
        int n = RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            n += chunk.encodedLength();
        }
        return n;
    }

    @Override
    public int encode(byte[] out, int off) {
        int length = encodedLength();
        Bytes.checkRange(out, off, length);
        RtcpHeader.encode(chunks.size(), RtcpHeader.SDES, length, out, off);
        int pos = off + RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            int chunkEnd = pos + chunk.encodedLength();
            Bytes.put32(out, pos, chunk.ssrc());
            pos += 4;
            for (Item item : chunk.items()) {
                byte[] text = item.text().getBytes(StandardCharsets.UTF_8);
                Bytes.put8(out, pos, item.type());
                Bytes.put8(out, pos + 1, text.length);
                System.arraycopy(text, 0, out, pos + 2, text.length);
                pos += 2 + text.length;
            }
            while (pos < chunkEnd) {
                out[pos++] = 0;
            }
        }
        return length;
    }
}
