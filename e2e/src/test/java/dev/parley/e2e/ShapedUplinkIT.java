package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publisher on a slow uplink in an SFU room (docs/media.md, "Transport-wide congestion control"): Pia's browser
 * runs in a host of its own whose link to the server carries 500 kbit/s from her. The SFU's transport-cc feedback
 * lets her browser's estimator find that rate, so the two on fast links keep seeing her video move, with little
 * frozen, instead of a queue that overflows again and again.
 */
class ShapedUplinkIT {

    private static final int UPLINK_KBIT = 500;
    /** The window the quality is measured over, as the shaped-link criteria count it. */
    private static final long WINDOW_MS = 25_000;

    @RegisterExtension
    static final ShapedMeeting shaped = new ShapedMeeting("pia", 1, 0, UPLINK_KBIT);

    @Test
    void aPublisherBehindA500KbitUplinkIsSeenMovingByEveryone() {
        String room = Meetings.newRoom("uplink");
        List<Person> fast = shaped.meetings().join(room, "Ada", "Bob");
        Person piaPerson = shaped.joinShaped(room, "Pia");
        for (Person p : fast) {
            p.expectMediaThroughServerFrom(List.of("Pia", p.name.equals("Ada") ? "Bob" : "Ada"));
        }

        Map<String, Number> before = fast.get(0).videoQuality("Pia");
        fast.get(0).page.waitForTimeout(WINDOW_MS); // the measurement window itself, not a synchronisation
        Map<String, Number> after = fast.get(0).videoQuality("Pia");
        Map<String, Number> atBob = fast.get(1).videoQuality("Pia");

        double seconds = WINDOW_MS / 1000.0;
        double fps = (after.get("frames").doubleValue() - before.get("frames").doubleValue()) / seconds;
        double frozen = after.get("frozen").doubleValue() - before.get("frozen").doubleValue();
        System.out.printf("Pia behind a %d kbit/s uplink, seen by Ada over %.0f s: %.1f frames/s decoded, %.2f s"
                        + " frozen, %s px wide; Pia's browser estimates %s bit/s towards the SFU; at Bob: %s%n",
                UPLINK_KBIT, seconds, fps, frozen, after.get("width"), sendEstimate(piaPerson), atBob);
        assertThat(fps).as("frames/s of Pia's video at Ada").isGreaterThanOrEqualTo(10);
        assertThat(frozen).as("seconds of Pia's video frozen at Ada").isLessThan(3);
    }

    /** The publisher's send-side estimate on its SFU connection (candidate pair availableOutgoingBitrate). */
    static Object sendEstimate(Person publisher) {
        return publisher.page.evaluate("""
                async () => {
                  const pc = window.parley.sfuConnection();
                  let estimate = null;
                  if (pc) (await pc.getStats()).forEach((r) => {
                    if (r.type === 'candidate-pair' && r.nominated && r.availableOutgoingBitrate) {
                      estimate = Math.round(r.availableOutgoingBitrate);
                    }
                  });
                  return estimate;
                }""");
    }
}
