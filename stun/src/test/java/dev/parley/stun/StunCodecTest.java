package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Encode/decode round trips for every class, method and attribute, and the wire layout of each. */
class StunCodecTest {

    private static final TransactionId TID = TransactionId.of(Hex.bytes("0102030405060708090a0b0c"));

    static Stream<Arguments> methodsAndTypes() {
        // RFC 8489 §5 / RFC 8656 §17: message type on the wire for method × class.
        return Stream.of(
                Arguments.of(StunMethod.BINDING, StunClass.REQUEST, 0x0001),
                Arguments.of(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, 0x0101),
                Arguments.of(StunMethod.BINDING, StunClass.ERROR_RESPONSE, 0x0111),
                Arguments.of(StunMethod.BINDING, StunClass.INDICATION, 0x0011),
                Arguments.of(StunMethod.ALLOCATE, StunClass.REQUEST, 0x0003),
                Arguments.of(StunMethod.ALLOCATE, StunClass.SUCCESS_RESPONSE, 0x0103),
                Arguments.of(StunMethod.ALLOCATE, StunClass.ERROR_RESPONSE, 0x0113),
                Arguments.of(StunMethod.REFRESH, StunClass.REQUEST, 0x0004),
                Arguments.of(StunMethod.SEND, StunClass.INDICATION, 0x0016),
                Arguments.of(StunMethod.DATA, StunClass.INDICATION, 0x0017),
                Arguments.of(StunMethod.CREATE_PERMISSION, StunClass.REQUEST, 0x0008),
                Arguments.of(StunMethod.CHANNEL_BIND, StunClass.REQUEST, 0x0009),
                Arguments.of(StunMethod.CHANNEL_BIND, StunClass.SUCCESS_RESPONSE, 0x0109),
                Arguments.of(0xFFF, StunClass.ERROR_RESPONSE, 0x3FFF));
    }

    @ParameterizedTest
    @MethodSource("methodsAndTypes")
    void messageTypeInterleavesMethodAndClassBits(int method, StunClass cls, int wireType) throws Exception {
        byte[] bytes = StunMessage.builder(cls, method, TID).build();

        assertThat(((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff)).isEqualTo(wireType);
        StunMessage m = StunMessage.parse(bytes, 0, bytes.length);
        assertThat(m.method()).isEqualTo(method);
        assertThat(m.messageClass()).isEqualTo(cls);
        assertThat(m.transactionId()).isEqualTo(TID);
        assertThat(m.attributes()).isEmpty();
    }

    static Stream<Arguments> attributes() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 3478);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 65535);
        return Stream.of(
                Arguments.of(new XorMappedAddress(v4), "0020 0008 0001 2c84 ea12 d545"),
                Arguments.of(new MappedAddress(v4), "0001 0008 0001 0d96 cb00 7107"),
                Arguments.of(new XorPeerAddress(v6), "0012 0014 0002 deed 0113a9fa 0102 0304 0506 0708 090a 0b0d"),
                Arguments.of(new XorRelayedAddress(v4), "0016 0008 0001 2c84 ea12 d545"),
                Arguments.of(new Username("ada"), "0006 0003 616461 00"),
                Arguments.of(new Realm("parley"), "0014 0006 7061726c6579 0000"),
                Arguments.of(new Nonce("abcd"), "0015 0004 61626364"),
                Arguments.of(new Software("p"), "8022 0001 70 000000"),
                Arguments.of(ErrorCode.of(438), "0009 000f 0000 0426 5374616c65204e6f6e6365 00"),
                Arguments.of(new UnknownAttributes(List.of(0x001A, 0x0018)), "000a 0004 001a 0018"),
                Arguments.of(new Lifetime(600), "000d 0004 00000258"),
                Arguments.of(new ChannelNumber(0x4001), "000c 0004 4001 0000"),
                Arguments.of(new RequestedTransport(17), "0019 0004 11000000"),
                Arguments.of(new RequestedAddressFamily(2), "0017 0004 02000000"),
                Arguments.of(new EvenPort(true), "0018 0001 80 000000"),
                Arguments.of(new DontFragment(), "001a 0000"),
                Arguments.of(new ReservationToken(Hex.bytes("0011223344556677")), "0022 0008 0011223344556677"),
                Arguments.of(new PasswordAlgorithm(PasswordAlgorithm.SHA256, new byte[0]), "001d 0004 0002 0000"),
                Arguments.of(new PasswordAlgorithms(List.of(new PasswordAlgorithm(1, new byte[0]),
                        new PasswordAlgorithm(2, new byte[0]))), "8002 0008 0001 0000 0002 0000"));
    }

    @ParameterizedTest
    @MethodSource("attributes")
    void attributeHasItsWireLayoutAndRoundTrips(StunAttribute attribute, String wire) throws Exception {
        byte[] bytes = StunMessage.builder(StunClass.REQUEST, StunMethod.ALLOCATE, TID).add(attribute).build();

        assertThat(java.util.Arrays.copyOfRange(bytes, StunMessage.HEADER_LENGTH, bytes.length)).isEqualTo(Hex.bytes(wire));
        StunMessage m = StunMessage.parse(bytes, 0, bytes.length);
        assertThat(m.attributes()).hasSize(1);
        assertThat(m.attributes().get(0).type()).isEqualTo(attribute.type());
        assertThat(m.attributes().get(0).value()).isEqualTo(attribute.value(TID));
    }

    @Test
    void typedReadersDecodeWhatWritersWrote() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 40000);
        byte[] bytes = StunMessage.builder(StunClass.ERROR_RESPONSE, StunMethod.ALLOCATE, TID)
                .add(ErrorCode.of(420))
                .add(new UnknownAttributes(List.of(0x1234)))
                .add(new XorPeerAddress(v6))
                .add(new XorPeerAddress(new InetSocketAddress(InetAddress.getByName("198.51.100.1"), 1)))
                .add(new Lifetime(0xFFFFFFFFL))
                .add(new ChannelNumber(0x4FFF))
                .add(new Data(new byte[] {1, 2, 3}))
                .add(new EvenPort(false))
                .build();
        StunMessage m = StunMessage.parse(bytes, 0, bytes.length);

        assertThat(ErrorCode.from(m).orElseThrow()).isEqualTo(new ErrorCode(420, "Unknown Attribute"));
        assertThat(UnknownAttributes.from(m).orElseThrow().types()).containsExactly(0x1234);
        assertThat(XorPeerAddress.all(m)).extracting(XorPeerAddress::address)
                .containsExactly(v6, new InetSocketAddress(InetAddress.getByName("198.51.100.1"), 1));
        assertThat(Lifetime.from(m).orElseThrow().seconds()).isEqualTo(0xFFFFFFFFL);
        assertThat(ChannelNumber.from(m).orElseThrow().isValid()).isTrue();
        assertThat(Data.from(m).orElseThrow().bytes()).containsExactly(1, 2, 3);
        assertThat(EvenPort.from(m).orElseThrow().reserveNext()).isFalse();
        assertThat(RequestedTransport.from(m)).isEmpty();
        assertThat(m.unknownComprehensionRequired(Set.of(ErrorCode.TYPE, UnknownAttributes.TYPE, XorPeerAddress.TYPE,
                Lifetime.TYPE, ChannelNumber.TYPE, Data.TYPE))).containsExactly(EvenPort.TYPE);
    }

    @Test
    void attributesAfterIntegrityAreIgnoredExceptFingerprint() throws Exception {
        byte[] key = MessageIntegrity.shortTermKey("secret");
        byte[] bytes = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TID)
                .add(new Username("a")).messageIntegrity(key).messageIntegritySha256(key).fingerprint().build();
        // Splice a SOFTWARE attribute between MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256.
        int at = StunMessage.HEADER_LENGTH + 8 + 24;
        byte[] extra = Hex.bytes("8022 0004 74657374");
        byte[] spliced = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, spliced, 0, at);
        System.arraycopy(extra, 0, spliced, at, extra.length);
        System.arraycopy(bytes, at, spliced, at + extra.length, bytes.length - at);
        StunMessageBuilder.setLength(spliced, spliced.length - StunMessage.HEADER_LENGTH);

        StunMessage m = StunMessage.parse(spliced, 0, spliced.length);

        assertThat(m.attributes()).extracting(RawAttribute::type).containsExactly(
                Username.TYPE, MessageIntegrity.TYPE, MessageIntegritySha256.TYPE, Fingerprint.TYPE);
        assertThat(MessageIntegrity.verify(m, key)).isTrue();
        assertThat(Fingerprint.verify(m)).isFalse(); // the CRC covered the message without SOFTWARE
    }

    @Test
    void integritySha256VerifiesFullAndTruncatedValues() throws Exception {
        byte[] key = MessageIntegrity.longTermKey("u", "r", "p");
        byte[] bytes = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TID)
                .add(new Username("u")).messageIntegritySha256(key).build();
        StunMessage m = StunMessage.parse(bytes, 0, bytes.length);
        assertThat(MessageIntegritySha256.verify(m, key)).isTrue();
        assertThat(MessageIntegritySha256.verify(m, MessageIntegrity.longTermKey("u", "r", "q"))).isFalse();
        assertThat(MessageIntegrity.verify(m, key)).isFalse();

        // Truncate to 16 bytes: drop 16 bytes and fix both lengths; the HMAC input changes, so recompute.
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 16);
        int at = truncated.length - 20;
        truncated[at + 3] = 16;
        StunMessageBuilder.setLength(truncated, truncated.length - StunMessage.HEADER_LENGTH);
        byte[] mac = MessageIntegrity.hmac("HmacSHA256", key, truncated, at, at + 20);
        System.arraycopy(mac, 0, truncated, at + 4, 16);
        assertThat(MessageIntegritySha256.verify(StunMessage.parse(truncated, 0, truncated.length), key)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StunClass.class)
    void fingerprintDetectsAnyFlippedBit(StunClass cls) throws Exception {
        byte[] bytes = StunMessage.builder(cls, StunMethod.BINDING, TID).add(new Software("x")).fingerprint().build();
        assertThat(Fingerprint.verify(StunMessage.parse(bytes, 0, bytes.length))).isTrue();
        for (int i = 8; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x01;
            boolean verified;
            try {
                verified = Fingerprint.verify(StunMessage.parse(flipped, 0, flipped.length));
            } catch (StunParseException e) {
                verified = false; // a flipped length field already breaks the framing
            }
            assertThat(verified).as("byte %d", i).isFalse();
        }
    }

    @Test
    void errorCodeRejectsClassesOutsideThreeToSix() {
        assertThatThrownBy(() -> ErrorCode.decode(Hex.bytes("00000200"))).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ErrorCode.decode(Hex.bytes("00000764"))).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ErrorCode.decode(Hex.bytes("00000464"))).isInstanceOf(StunParseException.class);
    }

    @Test
    void channelDataRoundTripsPaddedAndUnpadded() throws Exception {
        byte[] data = {9, 8, 7, 6, 5};
        byte[] udp = ChannelData.encode(0x4000, data, 0, data.length, false);
        byte[] tcp = ChannelData.encode(0x4FFF, data, 0, data.length, true);

        assertThat(udp).hasSize(9);
        assertThat(tcp).hasSize(12);
        assertThat(ChannelData.frameLength(tcp, 0, tcp.length)).isEqualTo(12);
        assertThat(ChannelData.parse(udp, 0, udp.length).data()).isEqualTo(data);
        ChannelData parsed = ChannelData.parse(tcp, 0, tcp.length);
        assertThat(parsed.channel()).isEqualTo(0x4FFF);
        assertThat(parsed.data()).isEqualTo(data);
    }

    @Test
    void packetKindFollowsRfc7983Ranges() {
        assertThat(PacketKind.of(0)).isEqualTo(PacketKind.STUN);
        assertThat(PacketKind.of(3)).isEqualTo(PacketKind.STUN);
        assertThat(PacketKind.of(4)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketKind.of(16)).isEqualTo(PacketKind.ZRTP);
        assertThat(PacketKind.of(20)).isEqualTo(PacketKind.DTLS);
        assertThat(PacketKind.of(63)).isEqualTo(PacketKind.DTLS);
        assertThat(PacketKind.of(64)).isEqualTo(PacketKind.CHANNEL_DATA);
        assertThat(PacketKind.of(79)).isEqualTo(PacketKind.CHANNEL_DATA);
        assertThat(PacketKind.of(80)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketKind.of(128)).isEqualTo(PacketKind.RTP_RTCP);
        assertThat(PacketKind.of(191)).isEqualTo(PacketKind.RTP_RTCP);
        assertThat(PacketKind.of(192)).isEqualTo(PacketKind.UNKNOWN);
    }
}
