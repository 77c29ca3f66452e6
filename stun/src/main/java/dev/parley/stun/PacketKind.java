package dev.parley.stun;

/**
 * What a datagram on a multiplexed port is, from its first byte (RFC 7983 §7, with the TURN
 * channel range of RFC 7983 §5 / RFC 8656 §12):
 *
 * <pre>
 *   first byte   protocol
 *   0 - 3        STUN
 *   16 - 19      ZRTP
 *   20 - 63      DTLS
 *   64 - 79      TURN ChannelData
 *   128 - 191    RTP / RTCP
 *   anything else: drop
 * </pre>
 */
public enum PacketKind {
    STUN, ZRTP, DTLS, CHANNEL_DATA, RTP_RTCP, UNKNOWN;

    public static PacketKind of(int firstByte) {
        int b = firstByte & 0xff;
        if (b <= 3) {
            return STUN;
        } else if (b >= 16 && b <= 19) {
            return ZRTP;
        } else if (b >= 20 && b <= 63) {
            return DTLS;
        } else if (b >= 64 && b <= 79) {
            return CHANNEL_DATA;
        } else if (b >= 128 && b <= 191) {
            return RTP_RTCP;
        }
        return UNKNOWN;
    }
}
