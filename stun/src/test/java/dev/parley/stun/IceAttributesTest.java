package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ICE attributes of RFC 8445 §16.1 and the 487 error of §16.2: wire layout, round trip, bad lengths. */
class IceAttributesTest {

    private static final TransactionId TID = TransactionId.of(Hex.bytes("0102030405060708090a0b0c"));

    private static StunMessage roundTrip(StunAttribute... attributes) throws StunParseException {
        StunMessageBuilder b = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TID);
        for (StunAttribute a : attributes) {
            b.add(a);
        }
        byte[] bytes = b.build();
        return StunMessage.parse(bytes, 0, bytes.length);
    }

    private static byte[] wire(StunAttribute attribute) {
        byte[] msg = StunMessage.builder(StunClass.REQUEST, StunMethod.BINDING, TID).add(attribute).build();
        byte[] out = new byte[msg.length - StunMessage.HEADER_LENGTH];
        System.arraycopy(msg, StunMessage.HEADER_LENGTH, out, 0, out.length);
        return out;
    }

    @Test
    void iceControllingCarriesTheTieBreakerBigEndianUnderType802A() throws Exception {
        IceControlling a = new IceControlling(0x6c2aef2796c652c4L);

        assertThat(wire(a)).isEqualTo(Hex.bytes("802a 0008 6c2aef2796c652c4"));
        assertThat(IceControlling.from(roundTrip(a))).contains(a);
    }

    @Test
    void iceControlledKeepsTieBreakersAboveTwoToTheSixtyThree() throws Exception {
        IceControlled a = new IceControlled(0xFFFF_0000_0000_0001L);

        assertThat(wire(a)).isEqualTo(Hex.bytes("8029 0008 ffff000000000001"));
        assertThat(IceControlled.from(roundTrip(a))).contains(a);
    }

    @Test
    void priorityIsAnUnsigned32BitNumber() throws Exception {
        Priority a = new Priority(0xFFFF_FFFEL);

        assertThat(wire(a)).isEqualTo(Hex.bytes("0024 0004 fffffffe"));
        assertThat(Priority.from(roundTrip(a))).contains(a);
        assertThatThrownBy(() -> new Priority(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Priority(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void useCandidateHasNoValue() throws Exception {
        assertThat(wire(new UseCandidate())).isEqualTo(Hex.bytes("0025 0000"));
        assertThat(UseCandidate.in(roundTrip(new UseCandidate()))).isTrue();
        assertThat(UseCandidate.in(roundTrip(new Priority(1)))).isFalse();
    }

    @Test
    void absentAttributesReadAsEmpty() throws Exception {
        StunMessage m = roundTrip();

        assertThat(IceControlling.from(m)).isEmpty();
        assertThat(IceControlled.from(m)).isEmpty();
        assertThat(Priority.from(m)).isEmpty();
    }

    @Test
    void wrongLengthsAreParseErrors() {
        assertThatThrownBy(() -> IceControlling.decode(new byte[7])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> IceControlled.decode(new byte[9])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> Priority.decode(new byte[3])).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> UseCandidate.decode(new byte[4])).isInstanceOf(StunParseException.class);
    }

    @Test
    void roleConflictIs487WithItsReasonPhrase() throws Exception {
        ErrorCode e = ErrorCode.of(ErrorCode.ROLE_CONFLICT);

        assertThat(e.reason()).isEqualTo("Role Conflict");
        assertThat(wire(e)).isEqualTo(Hex.bytes("0009 0011 0000 0457 526f6c6520436f6e666c696374 000000"));
    }
}
