package dev.parley.ice;

import static dev.parley.ice.AgentFixture.A;
import static dev.parley.ice.AgentFixture.B;
import static dev.parley.ice.AgentFixture.C;
import static dev.parley.ice.AgentFixture.LOCAL;
import static dev.parley.ice.AgentFixture.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.Fingerprint;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.UnknownAttributes;
import dev.parley.stun.XorMappedAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connectivity checks from a test peer against the ICE-lite agent (RFC 8445 §7.3, RFC 8489 §9.1). */
class IceLiteAgentTest {

    private static final byte[] KEY = MessageIntegrity.shortTermKey(LOCAL.password());

    private static CheckResult send(IceLiteAgent agent, byte[] packet, InetSocketAddress from, long now) {
        return agent.handle(packet, 0, packet.length, from, now);
    }

    private static StunMessage parse(byte[] response) throws Exception {
        return StunMessage.parse(response, 0, response.length);
    }

    private static int errorCode(CheckResult r) throws Exception {
        return ErrorCode.from(parse(r.response())).orElseThrow().code();
    }

    @Test
    void validCheckIsAnsweredWithXorMappedAddressIntegrityAndFingerprint() throws Exception {
        IceLiteAgent agent = agent(0);
        TestPeer peer = TestPeer.check();

        CheckResult r = send(agent, peer.build(), A, 10);

        assertThat(r.verdict()).isEqualTo(CheckVerdict.ANSWERED);
        StunMessage response = parse(r.response());
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.method()).isEqualTo(StunMethod.BINDING);
        assertThat(response.transactionId()).isEqualTo(peer.transactionId);
        assertThat(XorMappedAddress.from(response)).contains(new XorMappedAddress(A));
        assertThat(MessageIntegrity.verify(response, KEY)).isTrue();
        assertThat(Fingerprint.verify(response)).isTrue();
    }

    @Test
    void firstValidCheckFromAnAddressValidatesItOnce() {
        IceLiteAgent agent = agent(0);

        CheckResult first = send(agent, TestPeer.check().build(), A, 10);
        CheckResult second = send(agent, TestPeer.check().build(), A, 20);

        assertThat(first.events()).containsExactly(new IceEvent.Validated(A));
        assertThat(second.events()).isEmpty();
        assertThat(agent.isValidated(A, 20)).isTrue();
        assertThat(agent.isValidated(B, 20)).isFalse();
    }

    @Test
    void wrongPasswordIsRejectedWith401WithoutIntegrity() throws Exception {
        IceLiteAgent agent = agent(0);

        CheckResult r = send(agent, TestPeer.check().password("notthepasswordnotthepassword").build(), A, 10);

        assertThat(r.verdict()).isEqualTo(CheckVerdict.REJECTED);
        assertThat(errorCode(r)).isEqualTo(401);
        assertThat(parse(r.response()).has(MessageIntegrity.TYPE)).isFalse();
        assertThat(Fingerprint.verify(parse(r.response()))).isTrue();
        assertThat(r.events()).isEmpty();
        assertThat(agent.isValidated(A, 10)).isFalse();
    }

    @Test
    void wrongLocalUfragIsRejectedWith401() throws Exception {
        CheckResult r = send(agent(0), TestPeer.check().username("LOCX:REMT").build(), A, 10);

        assertThat(errorCode(r)).isEqualTo(401);
    }

    @Test
    void wrongRemoteUfragIsRejectedWith401() throws Exception {
        IceLiteAgent agent = agent(0);

        assertThat(errorCode(send(agent, TestPeer.check().username("LOCL:REMTX").build(), A, 10))).isEqualTo(401);
        assertThat(errorCode(send(agent, TestPeer.check().username("LOCL:XEMT").build(), A, 10))).isEqualTo(401);
        assertThat(errorCode(send(agent, TestPeer.check().username("LOCL").build(), A, 10))).isEqualTo(401);
    }

    @Test
    void unknownRemoteUfragChecksOnlyOurHalfOfUsername() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, null, IceSettings.DEFAULT, 0);

        assertThat(send(agent, TestPeer.check().username("LOCL:anything").build(), A, 10).verdict())
                .isEqualTo(CheckVerdict.ANSWERED);
        assertThat(send(agent, TestPeer.check().username("OTHR:anything").build(), A, 10).verdict())
                .isEqualTo(CheckVerdict.REJECTED);
    }

    @Test
    void missingIntegrityIsRejectedWith400() throws Exception {
        CheckResult r = send(agent(0), TestPeer.check().noIntegrity().build(), A, 10);

        assertThat(r.verdict()).isEqualTo(CheckVerdict.REJECTED);
        assertThat(errorCode(r)).isEqualTo(400);
        assertThat(parse(r.response()).has(MessageIntegrity.TYPE)).isFalse();
    }

    @Test
    void missingUsernameIsRejectedWith400() throws Exception {
        assertThat(errorCode(send(agent(0), TestPeer.check().username(null).build(), A, 10))).isEqualTo(400);
    }

    @Test
    void missingFingerprintIsDroppedSilently() {
        IceLiteAgent agent = agent(0);

        CheckResult r = send(agent, TestPeer.check().noFingerprint().build(), A, 10);

        assertThat(r.verdict()).isEqualTo(CheckVerdict.BAD_FINGERPRINT);
        assertThat(r.hasResponse()).isFalse();
        assertThat(agent.isValidated(A, 10)).isFalse();
    }

    @Test
    void corruptFingerprintIsDroppedSilently() {
        byte[] packet = TestPeer.check().build();
        packet[packet.length - 1] ^= 1;

        CheckResult r = send(agent(0), packet, A, 10);

        assertThat(r.verdict()).isEqualTo(CheckVerdict.BAD_FINGERPRINT);
        assertThat(r.hasResponse()).isFalse();
    }

    @Test
    void everyTruncationOfACheckIsDroppedWithoutAnswer() {
        IceLiteAgent agent = agent(0);
        byte[] packet = TestPeer.check().build();

        for (int len = 0; len < packet.length; len++) {
            CheckResult r = agent.handle(packet, 0, len, A, 10);
            assertThat(r.hasResponse()).as("truncated to %d bytes", len).isFalse();
            assertThat(r.verdict()).as("truncated to %d bytes", len).isIn(CheckVerdict.MALFORMED, CheckVerdict.BAD_FINGERPRINT);
        }
        assertThat(agent.isValidated(A, 10)).isFalse();
    }

    @Test
    void nonStunBytesAreMalformed() {
        byte[] dtls = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThat(send(agent(0), dtls, A, 10).verdict()).isEqualTo(CheckVerdict.MALFORMED);
    }

    @Test
    void checkWithoutPriorityIsRejectedWith400CarryingIntegrity() throws Exception {
        CheckResult r = send(agent(0), TestPeer.check().noPriority().build(), A, 10);

        assertThat(errorCode(r)).isEqualTo(400);
        assertThat(MessageIntegrity.verify(parse(r.response()), KEY)).isTrue();
    }

    @Test
    void iceControlledCheckGetsRoleConflictBecauseALiteAgentStaysControlled() throws Exception {
        IceLiteAgent agent = agent(0);

        CheckResult r = send(agent, TestPeer.check().controlled().build(), A, 10);

        assertThat(r.verdict()).isEqualTo(CheckVerdict.REJECTED);
        assertThat(errorCode(r)).isEqualTo(ErrorCode.ROLE_CONFLICT);
        assertThat(MessageIntegrity.verify(parse(r.response()), KEY)).isTrue();
        assertThat(Fingerprint.verify(parse(r.response()))).isTrue();
        assertThat(agent.isValidated(A, 10)).isFalse();
    }

    @Test
    void unknownComprehensionRequiredAttributeIsRejectedWith420ListingIt() throws Exception {
        CheckResult r = send(agent(0), TestPeer.check().extra(0x7F01).build(), A, 10);

        assertThat(errorCode(r)).isEqualTo(420);
        assertThat(UnknownAttributes.from(parse(r.response())).orElseThrow().types()).containsExactly(0x7F01);
        assertThat(MessageIntegrity.verify(parse(r.response()), KEY)).isTrue();
    }

    @Test
    void unknownComprehensionOptionalAttributeIsIgnored() {
        assertThat(send(agent(0), TestPeer.check().extra(0xC057).build(), A, 10).verdict())
                .isEqualTo(CheckVerdict.ANSWERED);
    }

    @Test
    void requestForAnotherMethodIsRejectedWith400() throws Exception {
        assertThat(errorCode(send(agent(0), TestPeer.check().method(StunMethod.ALLOCATE).build(), A, 10)))
                .isEqualTo(400);
    }

    @Test
    void indicationsAndResponsesAreIgnored() {
        IceLiteAgent agent = agent(0);

        assertThat(send(agent, TestPeer.check().messageClass(StunClass.INDICATION).build(), A, 10).verdict())
                .isEqualTo(CheckVerdict.IGNORED);
        assertThat(send(agent, TestPeer.check().messageClass(StunClass.SUCCESS_RESPONSE).build(), A, 10).verdict())
                .isEqualTo(CheckVerdict.IGNORED);
        assertThat(agent.isValidated(A, 10)).isFalse();
    }

    @Test
    void useCandidateNominatesAndALaterNominationSwitchesTheSelectedAddress() {
        IceLiteAgent agent = agent(0);
        send(agent, TestPeer.check().build(), A, 10);

        CheckResult first = send(agent, TestPeer.check().nominating().build(), A, 20);
        CheckResult second = send(agent, TestPeer.check().nominating().build(), B, 30);

        assertThat(first.events()).containsExactly(new IceEvent.Nominated(A, null));
        assertThat(second.events()).containsExactly(new IceEvent.Validated(B), new IceEvent.Nominated(B, A));
        assertThat(agent.selectedAddress()).contains(B);
        assertThat(agent.destination()).contains(B);
    }

    @Test
    void nominatingTheSelectedAddressAgainReportsNothing() {
        IceLiteAgent agent = agent(0);
        send(agent, TestPeer.check().nominating().build(), A, 10);

        assertThat(send(agent, TestPeer.check().nominating().build(), A, 20).events()).isEmpty();
        assertThat(agent.selectedAddress()).contains(A);
    }

    @Test
    void checksWithoutUseCandidateDoNotMoveTheSelection() {
        IceLiteAgent agent = agent(0);
        send(agent, TestPeer.check().nominating().build(), A, 10);

        send(agent, TestPeer.check().build(), B, 20);

        assertThat(agent.selectedAddress()).contains(A);
        assertThat(agent.destination()).contains(A);
    }

    @Test
    void beforeNominationTheDestinationIsTheAddressValidatedLast() {
        IceLiteAgent agent = agent(0);
        assertThat(agent.destination()).isEmpty();

        send(agent, TestPeer.check().build(), A, 10);
        send(agent, TestPeer.check().build(), B, 20);

        assertThat(agent.selectedAddress()).isEmpty();
        assertThat(agent.destination()).contains(B);
    }

    @Test
    void consentExpiresThirtySecondsAfterTheLastValidCheckOfTheSelectedAddress() {
        IceLiteAgent agent = agent(0);
        send(agent, TestPeer.check().nominating().build(), A, 1_000);
        send(agent, TestPeer.check().build(), A, 5_000);

        assertThat(agent.tick(34_999)).isEmpty();
        assertThat(agent.tick(35_000)).containsExactly(new IceEvent.ConsentExpired(A, 5_000));
        assertThat(agent.tick(36_000)).isEmpty();
        assertThat(agent.isClosed()).isTrue();
    }

    @Test
    void checksFromAnotherAddressDoNotKeepTheSelectedAddressAlive() {
        IceLiteAgent agent = agent(0);
        send(agent, TestPeer.check().nominating().build(), A, 1_000);
        send(agent, TestPeer.check().build(), B, 30_000);

        assertThat(agent.tick(31_000)).containsExactly(new IceEvent.ConsentExpired(A, 1_000));
    }

    @Test
    void consentExpiresWhenNoValidCheckEverArrives() {
        IceLiteAgent agent = agent(100);
        send(agent, TestPeer.check().password("notthepasswordnotthepassword").build(), A, 20_000);

        assertThat(agent.tick(30_099)).isEmpty();
        assertThat(agent.tick(30_100)).containsExactly(new IceEvent.ConsentExpired(null, 100));
    }

    @Test
    void afterConsentExpiryNothingIsAnsweredOrAccepted() {
        IceLiteAgent agent = agent(0);
        send(agent, TestPeer.check().nominating().build(), A, 0);
        agent.tick(30_000);

        CheckResult r = send(agent, TestPeer.check().nominating().build(), A, 30_001);

        assertThat(r.verdict()).isEqualTo(CheckVerdict.CLOSED);
        assertThat(r.hasResponse()).isFalse();
        assertThat(agent.isValidated(A, 30_001)).isFalse();
        assertThat(agent.selectedAddress()).isEmpty();
    }

    @Test
    void anAddressSilentForTheConsentTimeoutIsNoLongerValidated() {
        IceLiteAgent agent = agent(0);
        send(agent, TestPeer.check().build(), A, 0);
        send(agent, TestPeer.check().nominating().build(), B, 0);
        send(agent, TestPeer.check().build(), B, 25_000);

        assertThat(agent.tick(30_000)).isEmpty();

        assertThat(agent.isValidated(A, 30_000)).isFalse();
        assertThat(agent.isValidated(B, 30_000)).isTrue();
        assertThat(send(agent, TestPeer.check().build(), A, 30_001).events())
                .containsExactly(new IceEvent.Validated(A));
    }

    @Test
    void theTableOfValidatedAddressesIsBoundedAndKeepsTheSelectedOne() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "REMT", new IceSettings(30_000, 2), 0);
        send(agent, TestPeer.check().nominating().build(), A, 0);
        send(agent, TestPeer.check().build(), B, 1);

        send(agent, TestPeer.check().build(), C, 2);

        assertThat(agent.isValidated(A, 3)).isTrue();
        assertThat(agent.isValidated(B, 3)).isFalse();
        assertThat(agent.isValidated(C, 3)).isTrue();
    }

    @Test
    void closeStopsAnswering() {
        IceLiteAgent agent = agent(0);
        agent.close();

        assertThat(send(agent, TestPeer.check().build(), A, 1).verdict()).isEqualTo(CheckVerdict.CLOSED);
        assertThat(agent.tick(60_000)).isEmpty();
    }

    @Test
    void eventsAreNotSharedBetweenResults() {
        CheckResult r = send(agent(0), TestPeer.check().build(), A, 1);

        assertThat(r.events()).isEqualTo(List.of(new IceEvent.Validated(A)));
    }
}
