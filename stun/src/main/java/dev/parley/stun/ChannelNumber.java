package dev.parley.stun;

import java.util.Optional;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1): a 16-bit channel number followed by 16 reserved bits. Only
 * 0x4000-0x4FFF may be bound (§12); the value is decoded as sent and checked by the server.
 */
public record ChannelNumber(int number) implements StunAttribute {

    public static final int TYPE = 0x000C;
    public static final int MIN = 0x4000;
    public static final int MAX = 0x4FFF;
    /** RFC 5766 §11 allowed 0x4000-0x7FFF; RFC 8656 §12 reserves 0x5000-0x7FFF. coturn's tools still use them. */
    public static final int LEGACY_MAX = 0x7FFF;

    public ChannelNumber {
        if (number < 0 || number > 0xFFFF) {
            throw new IllegalArgumentException("channel number out of range: " + number);
        }
    }

    /** True for numbers a client may bind (RFC 8656 §12: 0x4000 through 0x4FFF). */
    public boolean isValid() {
        return number >= MIN && number <= MAX;
    }

    public static ChannelNumber decode(byte[] value) throws StunParseException {
        if (value.length != 4) {
            throw new StunParseException("CHANNEL-NUMBER of length " + value.length);
        }
        return new ChannelNumber(StunMessage.readShort(value, 0));
    }

    public static Optional<ChannelNumber> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        return new byte[] {(byte) (number >> 8), (byte) number, 0, 0};
    }
}
