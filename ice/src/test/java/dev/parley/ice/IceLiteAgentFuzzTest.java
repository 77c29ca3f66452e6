package dev.parley.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMethod;
import dev.parley.stun.StunParseException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Stateful fuzzing of the ICE-lite agent: any sequence of raw datagrams and of checks built with the right or wrong
 * credentials, from a few addresses, with time moving on, gives an answer that parses and echoes the transaction, a
 * destination that passed a check, at most the configured addresses, and nothing answered once consent expired. A
 * plain test run replays the seeds in {@code src/test/resources/dev/parley/ice/IceLiteAgentFuzzTestInputs/}.
 */
class IceLiteAgentFuzzTest {

    private static final List<InetSocketAddress> SOURCES = List.of(AgentFixture.A, AgentFixture.B, AgentFixture.C,
            AgentFixture.address("203.0.113.9", 1));

    @FuzzTest(maxDuration = "30s")
    void anySequenceOfChecksKeepsTheAgentConsistent(FuzzedDataProvider data) throws StunParseException {
        IceSettings settings = new IceSettings(30_000, data.consumeInt(1, 4));
        IceLiteAgent agent = new IceLiteAgent(AgentFixture.LOCAL, data.consumeBoolean() ? "REMT" : null, settings, 0);
        long now = 0;
        boolean expired = false;
        for (int step = 0; step < 40 && data.remainingBytes() > 0; step++) {
            InetSocketAddress source = SOURCES.get(data.consumeInt(0, SOURCES.size() - 1));
            byte[] packet = switch (data.consumeInt(0, 3)) {
                case 0 -> data.consumeBytes(300);
                case 1 -> check(data).build();
                case 2 -> {
                    now += data.consumeLong(0, 40_000);
                    for (IceEvent e : agent.tick(now)) {
                        expired |= e instanceof IceEvent.ConsentExpired;
                    }
                    yield null;
                }
                default -> {
                    byte[] valid = check(data).build();
                    int at = data.consumeInt(0, valid.length - 1);
                    valid[at] ^= (byte) data.consumeInt(1, 255); // one flipped byte
                    yield valid;
                }
            };
            if (packet == null) {
                continue;
            }
            CheckResult result = agent.handle(packet, 0, packet.length, source, now);
            assertThat(result.verdict()).isNotNull();
            if (expired) {
                assertThat(result.verdict()).isEqualTo(CheckVerdict.CLOSED);
                assertThat(result.hasResponse()).isFalse();
            }
            if (result.hasResponse()) {
                StunMessage request = StunMessage.parse(packet, 0, packet.length);
                StunMessage response = StunMessage.parse(result.response(), 0, result.response().length);
                assertThat(response.transactionId()).isEqualTo(request.transactionId());
                assertThat(response.messageClass()).isIn(StunClass.SUCCESS_RESPONSE, StunClass.ERROR_RESPONSE);
            }
            final long t = now;
            long validated = SOURCES.stream().filter(a -> agent.isValidated(a, t)).count();
            assertThat(validated).isLessThanOrEqualTo(settings.maxRemoteAddresses());
            agent.destination().ifPresent(d -> assertThat(SOURCES).contains(d));
            if (!expired && agent.selectedAddress().isEmpty()) {
                agent.destination().ifPresent(d -> assertThat(agent.isValidated(d, t)).isTrue());
            }
        }
    }

    private static TestPeer check(FuzzedDataProvider data) {
        TestPeer p = TestPeer.check().username(data.consumeBoolean() ? "LOCL:REMT" : "x" + data.consumeAsciiString(20))
                .password(data.consumeBoolean() ? AgentFixture.LOCAL.password() : "wrongpasswordwrongpassword");
        if (data.consumeBoolean()) {
            p.nominating();
        }
        if (data.consumeBoolean()) {
            p.controlled();
        }
        if (data.consumeBoolean()) {
            p.noPriority();
        }
        if (data.consumeBoolean()) {
            p.extra(data.consumeBoolean() ? data.consumeInt(0x0030, 0x7fff) : data.consumeInt(0xc000, 0xffff));
        }
        if (data.consumeBoolean()) {
            p.method(data.consumeBoolean() ? StunMethod.BINDING : data.consumeInt(0, 0xfff));
        }
        return p;
    }
}
