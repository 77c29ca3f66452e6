package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Inputs an attacker would send: every one is rejected with {@link StunParseException} and nothing else. */
class HostileInputTest {

    private static final byte[][] VECTORS = {
        Rfc5769VectorsTest.REQUEST, Rfc5769VectorsTest.IPV4_RESPONSE,
        Rfc5769VectorsTest.IPV6_RESPONSE, Rfc5769VectorsTest.LONG_TERM_REQUEST,
    };

    @Test
    void everyTruncationIsRejected() {
        for (byte[] vector : VECTORS) {
            for (int len = 0; len < vector.length; len++) {
                int n = len;
                assertThatThrownBy(() -> StunMessage.parse(vector, 0, n)).as("length %d", n)
                        .isInstanceOf(StunParseException.class);
            }
        }
    }

    @Test
    void everyTruncationWithAFixedLengthFieldIsRejected() {
        // The length field agrees with the truncated size, so the attribute walk must catch it.
        for (byte[] vector : VECTORS) {
            for (int len = StunMessage.HEADER_LENGTH; len < vector.length; len += 4) {
                byte[] cut = Arrays.copyOf(vector, len);
                StunMessageBuilder.setLength(cut, len - StunMessage.HEADER_LENGTH);
                try {
                    StunMessage m = StunMessage.parse(cut, 0, cut.length);
                    // A cut that lands on an attribute boundary is a valid, shorter message.
                    assertThat(m.attributes().size()).isLessThan(6);
                } catch (StunParseException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }

    @Test
    void lengthFieldThatLiesIsRejected() {
        byte[] m = Rfc5769VectorsTest.REQUEST.clone();
        for (int lie : new int[] {0, 4, 0x54, 0x5c, 0xFFFC, 0x59}) {
            byte[] copy = m.clone();
            StunMessageBuilder.setLength(copy, lie);
            assertThatThrownBy(() -> StunMessage.parse(copy, 0, copy.length)).as("length %d", lie)
                    .isInstanceOf(StunParseException.class);
        }
    }

    @Test
    void attributeLengthRunningPastTheEndIsRejected() {
        byte[] m = Rfc5769VectorsTest.REQUEST.clone();
        m[StunMessage.HEADER_LENGTH + 2] = 0x01; // SOFTWARE claims 0x0110 bytes
        assertThatThrownBy(() -> StunMessage.parse(m, 0, m.length)).isInstanceOf(StunParseException.class)
                .hasMessageContaining("runs past");
    }

    @Test
    void paddingThatDoesNotFitIsRejected() {
        // USERNAME of 9 bytes needs 12 with padding; the message (a multiple of 4) has 8 after its header.
        byte[] m = Hex.bytes("0001 000c 2112a442 000000000000000000000000 0006 0009 6162636465666768");
        StunMessageBuilder.setLength(m, m.length - StunMessage.HEADER_LENGTH);
        assertThatThrownBy(() -> StunMessage.parse(m, 0, m.length)).isInstanceOf(StunParseException.class);
    }

    @Test
    void nonZeroPaddingBytesAreIgnored() throws Exception {
        // RFC 8489 §14: padding bits are ignored by the receiver.
        StunMessage m = StunMessage.parse(Rfc5769VectorsTest.REQUEST, 0, Rfc5769VectorsTest.REQUEST.length);
        assertThat(Username.from(m)).contains(new Username("evtj:h6vY"));
    }

    @Test
    void hugeAttributeCountsAreRejected() {
        int count = StunMessage.MAX_ATTRIBUTES + 1;
        byte[] m = new byte[StunMessage.HEADER_LENGTH + 4 * count];
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xA4;
        m[7] = 0x42;
        StunMessageBuilder.setLength(m, 4 * count);
        for (int i = 0; i < count; i++) {
            m[StunMessage.HEADER_LENGTH + 4 * i] = (byte) 0x80; // empty comprehension-optional attributes
        }
        assertThatThrownBy(() -> StunMessage.parse(m, 0, m.length)).isInstanceOf(StunParseException.class)
                .hasMessageContaining("attributes");

        byte[] allowed = Arrays.copyOf(m, m.length - 4);
        StunMessageBuilder.setLength(allowed, allowed.length - StunMessage.HEADER_LENGTH);
        assertThat(catchParse(allowed)).isNull();
    }

    @Test
    void headerFaultsAreRejected() {
        byte[] noCookie = Rfc5769VectorsTest.REQUEST.clone();
        noCookie[4] = 0;
        byte[] topBits = Rfc5769VectorsTest.REQUEST.clone();
        topBits[0] = (byte) 0x40;
        byte[] oddLength = Arrays.copyOf(Rfc5769VectorsTest.REQUEST, Rfc5769VectorsTest.REQUEST.length + 2);
        StunMessageBuilder.setLength(oddLength, oddLength.length - StunMessage.HEADER_LENGTH);

        assertThat(catchParse(noCookie)).hasMessageContaining("cookie");
        assertThat(catchParse(topBits)).hasMessageContaining("top two bits");
        assertThat(catchParse(oddLength)).hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> StunMessage.parse(new byte[10], 5, 10)).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> StunMessage.parse(new byte[10], -1, 5)).isInstanceOf(StunParseException.class);
    }

    @Test
    void malformedAttributeValuesAreRejectedByTheirReaders() {
        assertThatThrownBy(() -> XorMappedAddress.decode(Hex.bytes("0003 0000 00000000"), TransactionId.random()))
                .isInstanceOf(StunParseException.class).hasMessageContaining("family");
        assertThatThrownBy(() -> XorMappedAddress.decode(Hex.bytes("0001 0000 000000"), TransactionId.random()))
                .isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> XorPeerAddress.decode(Hex.bytes("0002 0000 00000000"), TransactionId.random()))
                .isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> Username.decode(new byte[] {(byte) 0xff, (byte) 0xfe}))
                .isInstanceOf(StunParseException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> Realm.decode(new byte[764])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> Lifetime.decode(new byte[3])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ChannelNumber.decode(new byte[2])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> RequestedTransport.decode(new byte[5])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> RequestedAddressFamily.decode(Hex.bytes("03000000"))).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> EvenPort.decode(new byte[4])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ReservationToken.decode(new byte[7])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> UnknownAttributes.decode(new byte[3])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> PasswordAlgorithms.decode(Hex.bytes("0001 0008 0000"))).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> PasswordAlgorithm.decode(Hex.bytes("0001 0001"))).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ErrorCode.decode(new byte[3])).isInstanceOf(StunParseException.class);
    }

    @Test
    void integrityWithWrongLengthNeverVerifies() throws Exception {
        byte[] m = Hex.bytes("0001 0014 2112a442 000000000000000000000000 0008 0010 00000000000000000000000000000000");
        StunMessage parsed = StunMessage.parse(m, 0, m.length);
        assertThat(MessageIntegrity.verify(parsed, new byte[16])).isFalse();
        assertThat(MessageIntegritySha256.verify(parsed, new byte[16])).isFalse();
    }

    @Test
    void channelDataFaultsAreRejected() {
        assertThatThrownBy(() -> ChannelData.parse(Hex.bytes("4000 00"), 0, 3)).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ChannelData.parse(Hex.bytes("4000 0005 0102"), 0, 6))
                .isInstanceOf(StunParseException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> ChannelData.parse(Hex.bytes("5000 0000"), 0, 4))
                .isInstanceOf(StunParseException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> ChannelData.parse(Hex.bytes("4000 0000 00000000"), 0, 8))
                .isInstanceOf(StunParseException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> ChannelData.parse(new byte[4], 2, 4)).isInstanceOf(StunParseException.class);
    }

    private static StunParseException catchParse(byte[] m) {
        try {
            StunMessage.parse(m, 0, m.length);
            return null;
        } catch (StunParseException e) {
            return e;
        }
    }
}
