package dev.parley.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.Fingerprint;
import dev.parley.stun.IceControlling;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Priority;
import dev.parley.stun.StunMessage;
import dev.parley.stun.XorMappedAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Checks captured from Chromium 156 against an ICE-lite answer (fixtures under src/test/resources). */
class ChromeCheckFixtureTest {

    private static final IceCredentials LOCAL = new IceCredentials("PRLY", "parleyfixturepassword22");

    @Test
    void capturedChromeCheckIsAnsweredAndValidatesItsSource() throws Exception {
        byte[] check = AgentFixture.hexFixture("chrome156-binding-request.hex")[0];
        InetSocketAddress source = AgentFixture.address("127.0.0.1", 35840);
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "BLXQ", IceSettings.DEFAULT, 0);

        CheckResult r = agent.handle(check, 0, check.length, source, 100);

        StunMessage request = StunMessage.parse(check, 0, check.length);
        assertThat(IceControlling.from(request)).isPresent();
        assertThat(Priority.from(request).orElseThrow().value()).isEqualTo(0x6e7f1effL);
        assertThat(r.verdict()).isEqualTo(CheckVerdict.ANSWERED);
        assertThat(r.events()).containsExactly(new IceEvent.Validated(source));
        StunMessage response = StunMessage.parse(r.response(), 0, r.response().length);
        assertThat(XorMappedAddress.from(response)).contains(new XorMappedAddress(source));
        assertThat(MessageIntegrity.verify(response, MessageIntegrity.shortTermKey(LOCAL.password()))).isTrue();
        assertThat(Fingerprint.verify(response)).isTrue();
    }

    @Test
    void capturedChromeNominationSelectsItsSource() {
        byte[] check = AgentFixture.hexFixture("chrome156-nominating-request.hex")[0];
        InetSocketAddress source = AgentFixture.address("127.0.0.1", 59287);
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "fLVD", IceSettings.DEFAULT, 0);

        CheckResult r = agent.handle(check, 0, check.length, source, 100);

        assertThat(r.events()).containsExactly(new IceEvent.Validated(source), new IceEvent.Nominated(source, null));
        assertThat(agent.selectedAddress()).contains(source);
    }

    @Test
    void capturedChromeCheckUnderAnotherPasswordIsRejectedWith401() throws Exception {
        byte[] check = AgentFixture.hexFixture("chrome156-binding-request.hex")[0];
        IceLiteAgent agent = new IceLiteAgent(new IceCredentials("PRLY", "someotherpasswordsomeother"), "BLXQ",
                IceSettings.DEFAULT, 0);

        CheckResult r = agent.handle(check, 0, check.length, AgentFixture.address("127.0.0.1", 35840), 100);

        StunMessage response = StunMessage.parse(r.response(), 0, r.response().length);
        assertThat(ErrorCode.from(response).orElseThrow().code()).isEqualTo(401);
    }
}
