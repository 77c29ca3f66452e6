package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A long meeting: two people stay while many others join, publish and leave. Everyone keeps seeing the newcomers,
 * and nothing the engine keeps per connection grows with the number who came and went.
 */
class SfuChurnTest {

    private static final int COMERS = 120;

    @Test
    void thoseWhoStaySeeEveryNewcomerAfterAHundredAndTwentyCameAndWent() {
        EngineHarness h = new EngineHarness(50);
        EngineHarness.Client alice = h.join("r", "alice");
        EngineHarness.Client bob = h.join("r", "bob");
        alice.publish(3);
        bob.publish(3);

        for (int i = 0; i < COMERS; i++) {
            EngineHarness.Client comer = h.join("r", "comer-" + i);
            comer.publish(5);
            alice.publish(2);

            assertThat(alice.videoFrom(comer)).as("alice sees comer %d", i).isEqualTo(5);
            assertThat(bob.videoFrom(comer)).as("bob sees comer %d", i).isEqualTo(5);
            assertThat(comer.videoFrom(alice)).as("comer %d sees alice", i).isEqualTo(2);
            h.leave(comer);
            h.advance(100);
            h.tick();
        }

        assertThat(alice.undecryptable).isZero();
        assertThat(h.metrics.drops(DropReason.SRTP)).isZero();
        assertThat(h.metrics.drops(DropReason.INTERNAL_ERROR)).isZero();
        assertThat(h.metrics.transports()).isEqualTo(2);
        assertThat(h.metrics.tracks()).isEqualTo(4);
        assertThat(h.engine.addressCount()).as("routed addresses").isEqualTo(2);
        assertThat(h.engine.senderStreams("r", "alice"))
                .as("SRTP streams alice's send context keeps: bob's audio and video, and its own RTCP")
                .isLessThanOrEqualTo(3);
        assertThat(h.openDtlsSessions()).isEqualTo(2);
    }
}
