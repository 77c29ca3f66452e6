package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber on a slow downlink in an SFU room of three (docs/media.md, "Downlink estimate and publisher caps"):
 * Sam's browser runs in a host of its own whose link carries 600 kbit/s towards him. His receiver reports show the
 * loss, the SFU estimates his downlink and caps the two publishers with REMB to what it carries, so he keeps seeing
 * both videos move. Without simulcast everyone then receives the capped rate; the freezes are not yet down to what
 * per-subscriber layers would give (docs/benchmarks.md has the figures).
 */
class ShapedDownlinkIT {

    private static final int DOWNLINK_KBIT = 600;
    private static final long WINDOW_MS = 25_000;
    private static final long ADAPT_MS = 10_000;

    @RegisterExtension
    static final ShapedMeeting shaped = new ShapedMeeting("sam", 2, DOWNLINK_KBIT, 0);

    @Test
    void aSubscriberBehindA600KbitDownlinkStillSeesBothVideosMove() {
        String room = Meetings.newRoom("downlink");
        List<Person> fast = shaped.meetings().join(room, "Ada", "Bob");
        Person samPerson = shaped.joinShaped(room, "Sam");
        samPerson.expectMediaThroughServerFrom(List.of("Ada", "Bob"));
        samPerson.page.waitForTimeout(ADAPT_MS); // time to adapt, before the window measured

        Map<String, Number> adaBefore = samPerson.videoQuality("Ada");
        Map<String, Number> bobBefore = samPerson.videoQuality("Bob");
        samPerson.page.waitForTimeout(WINDOW_MS); // the measurement window itself, not a synchronisation
        Map<String, Number> adaAfter = samPerson.videoQuality("Ada");
        Map<String, Number> bobAfter = samPerson.videoQuality("Bob");
        System.out.printf("Sam behind a %d kbit/s downlink over %d s: Ada's video %.1f frames/s, %.2f s frozen, %s px;"
                        + " Bob's %.1f frames/s, %.2f s frozen, %s px; Ada sees Bob at %s px, Bob sees Ada at %s px;"
                        + " Ada's send estimate %s bit/s%n",
                DOWNLINK_KBIT, WINDOW_MS / 1000,
                fps(adaBefore, adaAfter), frozen(adaBefore, adaAfter), adaAfter.get("width"),
                fps(bobBefore, bobAfter), frozen(bobBefore, bobAfter), bobAfter.get("width"),
                fast.get(0).videoQuality("Bob").get("width"), fast.get(1).videoQuality("Ada").get("width"),
                ShapedUplinkIT.sendEstimate(fast.get(0)));
        // Without the caps Sam decoded 0.2 and 1.4 frames/s with 22 and 19.5 s of 25 frozen; with them 11-24 (5 is the bound: well above the first, under the spread of the second).
        assertThat(fps(adaBefore, adaAfter)).as("frames/s of Ada's video at Sam").isGreaterThanOrEqualTo(5);
        assertThat(fps(bobBefore, bobAfter)).as("frames/s of Bob's video at Sam").isGreaterThanOrEqualTo(5);
        // Frozen time is printed, not asserted: 9-15 s per video in 25 s over the runs so far, against 19.5-22 s
        // without the caps; too spread to hold a bound that tells the two apart (docs/benchmarks.md).
    }

    private static double fps(Map<String, Number> before, Map<String, Number> after) {
        return (after.get("frames").doubleValue() - before.get("frames").doubleValue()) / (WINDOW_MS / 1000.0);
    }

    private static double frozen(Map<String, Number> before, Map<String, Number> after) {
        return after.get("frozen").doubleValue() - before.get("frozen").doubleValue();
    }
}
