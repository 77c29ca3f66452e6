package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Participants that vanish without a word (no ICE check ever) are cleaned up by consent expiry. */
class SfuConsentTest {

    private record Sent(String participant, SfuOffer offer) {
    }

    @Test
    void silentConnectionsExpireAndLeaveNoTransportBehind() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        LinkedBlockingQueue<Sent> offers = new LinkedBlockingQueue<>();
        try (Sfu sfu = Sfu.start(new SfuSettings(lo, 0, List.of(lo), 50, 400),
                (room, id, offer) -> offers.add(new Sent(id, offer)))) {
            assertThat(sfu.connect("r", "gone", Set.of(), m -> { })).isTrue();
            assertThat(offers.poll(10, TimeUnit.SECONDS).participant()).isEqualTo("gone");
            assertThat(sfu.connect("r", "stays", Set.of(), m -> { })).isTrue();

            Sent toStays = offers.poll(10, TimeUnit.SECONDS);
            assertThat(toStays.participant()).isEqualTo("stays");
            assertThat(toStays.offer().tracks()).extracting(SfuOffer.OfferedTrack::participant)
                    .containsOnly("gone");
            assertThat(offers.poll(200, TimeUnit.MILLISECONDS))
                    .as("gone's first offer is unanswered, so its update waits for the answer").isNull();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sfu.metrics().consentExpiries() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling a counter with a deadline
            }
            assertThat(sfu.metrics().consentExpiries()).as("neither ever sent a check").isEqualTo(2);
            assertThat(sfu.metrics().transports()).isZero();
        }
    }
}
