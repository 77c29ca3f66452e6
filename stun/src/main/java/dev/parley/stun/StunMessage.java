package dev.parley.stun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A parsed STUN message (RFC 8489 §5): class, method, transaction id and attributes in wire order,
 * plus the bytes it was parsed from (needed to check MESSAGE-INTEGRITY and FINGERPRINT). Immutable;
 * thread-safe. Build outgoing messages with {@link #builder}.
 *
 * <p>Following RFC 8489 §14.5/§14.7, attributes after MESSAGE-INTEGRITY other than
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, and everything after FINGERPRINT, are checked for
 * framing but not kept.
 */
public final class StunMessage {

    /** RFC 8489 §5: the fixed value 0x2112A442 in bytes 4-7 of every message. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    /**
     * More attributes than any real message carries (a full ICE check has about ten): a message
     * with thousands of empty attributes is an attack on whoever walks the list, so refuse it.
     */
    public static final int MAX_ATTRIBUTES = 128;

    private final StunClass messageClass;
    private final int method;
    private final TransactionId transactionId;
    private final List<RawAttribute> attributes;
    private final byte[] raw;

    private StunMessage(StunClass messageClass, int method, TransactionId transactionId,
            List<RawAttribute> attributes, byte[] raw) {
        this.messageClass = messageClass;
        this.method = method;
        this.transactionId = transactionId;
        this.attributes = attributes;
        this.raw = raw;
    }

    /** True when the bytes start like a STUN message: top two bits zero and the magic cookie (RFC 8489 §5, §7). */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        return len >= HEADER_LENGTH && (buf[off] & 0xC0) == 0 && readInt(buf, off + 4) == MAGIC_COOKIE;
    }

    /**
     * The total length of the STUN message starting at {@code off} (header included), from its
     * length field, or -1 if fewer than 4 bytes are available. Used to frame messages on a stream.
     */
    public static int frameLength(byte[] buf, int off, int available) {
        if (available < 4) {
            return -1;
        }
        return HEADER_LENGTH + readShort(buf, off + 2);
    }

    /**
     * Parses exactly {@code len} bytes as one STUN message (a UDP datagram or one framed stream
     * message); every length is checked before it is used.
     */
    public static StunMessage parse(byte[] buf, int off, int len) throws StunParseException {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new StunParseException("bounds outside buffer");
        }
        if (len < HEADER_LENGTH) {
            throw new StunParseException("shorter than a STUN header: " + len);
        }
        int type = readShort(buf, off);
        if ((type & 0xC000) != 0) {
            throw new StunParseException("top two bits of the message type are not zero");
        }
        int bodyLength = readShort(buf, off + 2);
        if ((bodyLength & 3) != 0) {
            throw new StunParseException("message length not a multiple of 4: " + bodyLength);
        }
        if (HEADER_LENGTH + bodyLength != len) {
            throw new StunParseException("message length " + bodyLength + " does not match " + (len - HEADER_LENGTH));
        }
        if (readInt(buf, off + 4) != MAGIC_COOKIE) {
            throw new StunParseException("no magic cookie");
        }
        byte[] raw = Arrays.copyOfRange(buf, off, off + len);
        List<RawAttribute> attributes = parseAttributes(raw);
        return new StunMessage(StunClass.ofBits(classBits(type)), methodOf(type),
                TransactionId.copyOf(raw, 8), Collections.unmodifiableList(attributes), raw);
    }

    private static List<RawAttribute> parseAttributes(byte[] raw) throws StunParseException {
        List<RawAttribute> attributes = new ArrayList<>();
        int pos = HEADER_LENGTH;
        int count = 0;
        boolean afterIntegrity = false;
        boolean afterFingerprint = false;
        while (pos < raw.length) {
            if (raw.length - pos < 4) {
                throw new StunParseException("truncated attribute header at " + pos);
            }
            if (++count > MAX_ATTRIBUTES) {
                throw new StunParseException("more than " + MAX_ATTRIBUTES + " attributes");
            }
            int type = readShort(raw, pos);
            int length = readShort(raw, pos + 2);
            int padded = (length + 3) & ~3;
            if (padded > raw.length - pos - 4) {
                throw new StunParseException("attribute 0x" + Integer.toHexString(type) + " of length " + length
                        + " runs past the end of the message");
            }
            boolean keep = !afterFingerprint
                    && (!afterIntegrity || type == MessageIntegritySha256.TYPE || type == Fingerprint.TYPE);
            if (keep) {
                attributes.add(new RawAttribute(type, pos, Arrays.copyOfRange(raw, pos + 4, pos + 4 + length)));
            }
            if (type == MessageIntegrity.TYPE || type == MessageIntegritySha256.TYPE) {
                afterIntegrity = true;
            } else if (type == Fingerprint.TYPE) {
                afterFingerprint = true;
            }
            pos += 4 + padded;
        }
        return attributes;
    }

    public static StunMessageBuilder builder(StunClass messageClass, int method, TransactionId transactionId) {
        return new StunMessageBuilder(messageClass, method, transactionId);
    }

    public StunClass messageClass() {
        return messageClass;
    }

    public int method() {
        return method;
    }

    public TransactionId transactionId() {
        return transactionId;
    }

    /** The attributes kept by the parser, in wire order. */
    public List<RawAttribute> attributes() {
        return attributes;
    }

    /** The first attribute of this type, if any. */
    public Optional<RawAttribute> attribute(int type) {
        for (RawAttribute a : attributes) {
            if (a.type() == type) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Every attribute of this type, in wire order (XOR-PEER-ADDRESS may repeat). */
    public List<RawAttribute> attributesOf(int type) {
        List<RawAttribute> found = new ArrayList<>(1);
        for (RawAttribute a : attributes) {
            if (a.type() == type) {
                found.add(a);
            }
        }
        return found;
    }

    public boolean has(int type) {
        return attribute(type).isPresent();
    }

    /** Comprehension-required attribute types (below 0x8000) that are not in {@code known}, in wire order. */
    public List<Integer> unknownComprehensionRequired(java.util.Set<Integer> known) {
        List<Integer> unknown = new ArrayList<>();
        for (RawAttribute a : attributes) {
            if (StunAttribute.isComprehensionRequired(a.type()) && !known.contains(a.type())
                    && !unknown.contains(a.type())) {
                unknown.add(a.type());
            }
        }
        return unknown;
    }

    /** The bytes this message was parsed from (a copy). */
    public byte[] toByteArray() {
        return raw.clone();
    }

    byte[] raw() {
        return raw;
    }

    @Override
    public String toString() {
        return StunMethod.name(method) + " " + messageClass + " " + transactionId;
    }

    static int messageType(StunClass messageClass, int method) {
        int c = messageClass.bits();
        // RFC 8489 §5: M11..M7 C1 M6..M4 C0 M3..M0
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 1) << 4) | ((c & 2) << 7);
    }

    private static int methodOf(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    private static int classBits(int type) {
        return ((type >> 4) & 1) | ((type >> 7) & 2);
    }

    static int readShort(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
