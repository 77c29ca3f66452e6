package dev.parley.rtp;

/**
 * One packet of an RTCP compound datagram (RFC 3550 §6.1). Each type is a value class with a static
 * {@code parse} (used by {@link RtcpCompound}) and {@link #encode}. Implementations are immutable.
 */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, SourceDescription, Bye, GenericNack, PictureLossIndication,
                FullIntraRequest, Remb, TransportCcFeedback, UnknownRtcpPacket {

    /** Bytes {@link #encode} writes: a multiple of 4, header included. */
    int encodedLength();

    /** Writes the packet at {@code out[off]}; returns {@link #encodedLength()}. */
    int encode(byte[] out, int off);
}
