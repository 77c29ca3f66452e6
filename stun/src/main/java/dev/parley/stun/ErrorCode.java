package dev.parley.stun;

import dev.parley.stun.internal.TextCodec;
import java.util.Optional;

/**
 * ERROR-CODE (RFC 8489 §14.8): 21 zero bits, class (3..6) in 3 bits, number (0..99) in 8 bits, then a
 * UTF-8 reason phrase of fewer than 128 characters (763 bytes).
 */
public record ErrorCode(int code, String reason) implements StunAttribute {

    public static final int TYPE = 0x0009;
    public static final int MAX_REASON_BYTES = 763;

    public static final int TRY_ALTERNATE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int FORBIDDEN = 403;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ALLOCATION_MISMATCH = 437;
    public static final int STALE_NONCE = 438;
    public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
    public static final int WRONG_CREDENTIALS = 441;
    public static final int UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
    public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
    public static final int ALLOCATION_QUOTA_REACHED = 486;
    /** RFC 8445 §7.3.1.1: both agents claim the same ICE role. */
    public static final int ROLE_CONFLICT = 487;
    public static final int SERVER_ERROR = 500;
    public static final int INSUFFICIENT_CAPACITY = 508;

    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code out of range: " + code);
        }
    }

    /** The code with the reason phrase RFC 8489 §14.8 and RFC 8656 §18 suggest (and RFC 8445 §16.2 for 487). */
    public static ErrorCode of(int code) {
        return new ErrorCode(code, switch (code) {
            case TRY_ALTERNATE -> "Try Alternate";
            case BAD_REQUEST -> "Bad Request";
            case UNAUTHENTICATED -> "Unauthenticated";
            case FORBIDDEN -> "Forbidden";
            case UNKNOWN_ATTRIBUTE -> "Unknown Attribute";
            case ALLOCATION_MISMATCH -> "Allocation Mismatch";
            case STALE_NONCE -> "Stale Nonce";
            case ADDRESS_FAMILY_NOT_SUPPORTED -> "Address Family not Supported";
            case WRONG_CREDENTIALS -> "Wrong Credentials";
            case UNSUPPORTED_TRANSPORT_PROTOCOL -> "Unsupported Transport Protocol";
            case PEER_ADDRESS_FAMILY_MISMATCH -> "Peer Address Family Mismatch";
            case ALLOCATION_QUOTA_REACHED -> "Allocation Quota Reached";
            case ROLE_CONFLICT -> "Role Conflict";
            case SERVER_ERROR -> "Server Error";
            case INSUFFICIENT_CAPACITY -> "Insufficient Capacity";
            default -> "Error";
        });
    }

    public static ErrorCode decode(byte[] value) throws StunParseException {
        if (value.length < 4) {
            throw new StunParseException("ERROR-CODE shorter than 4 bytes");
        }
        if (value.length - 4 > MAX_REASON_BYTES) {
            throw new StunParseException("ERROR-CODE reason longer than " + MAX_REASON_BYTES + " bytes");
        }
        int errorClass = value[2] & 0x07;
        int number = value[3] & 0xff;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            throw new StunParseException("ERROR-CODE class " + errorClass + " number " + number);
        }
        return new ErrorCode(errorClass * 100 + number, TextCodec.decode(value, 4, value.length - 4, "ERROR-CODE reason"));
    }

    public static Optional<ErrorCode> from(StunMessage message) throws StunParseException {
        Optional<RawAttribute> raw = message.attribute(TYPE);
        return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get().value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] value(TransactionId transactionId) {
        byte[] reasonBytes = TextCodec.encode(reason, MAX_REASON_BYTES, "ERROR-CODE reason");
        byte[] value = new byte[4 + reasonBytes.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(reasonBytes, 0, value, 4, reasonBytes.length);
        return value;
    }
}
