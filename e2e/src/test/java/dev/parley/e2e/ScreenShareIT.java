package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screen sharing with headless Chromium's real {@code getDisplayMedia}: with the fake-media flags it captures a
 * fake 1280x720 screen without a picker (docs: shared/TESTING.md), so the whole path is tested, not a canvas stand-in.
 */
class ScreenShareIT {

    @TempDir
    static Path dataDir;
    static Meetings meetings;

    @BeforeAll
    static void start() throws Exception {
        meetings = Meetings.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (meetings != null) {
            meetings.close();
        }
    }

    private static double area(BoundingBox box) {
        return box.width * box.height;
    }

    @Test
    void aSharedScreenAppearsAtTheOthersAsALargeDecodingTileAndStopSharingRemovesIt() {
        List<Person> people = meetings.join(Meetings.newRoom("screen"), "Ada", "Bob");
        Person ada = people.get(0);
        Person bob = people.get(1);
        bob.expectMediaFrom(List.of("Ada"));

        ada.button("Share screen").click();

        assertThat(ada.button("Stop sharing")).isVisible();
        assertThat(bob.screenTile("Ada")).isVisible();
        bob.expectVideoPlaying(bob.screenTile("Ada"), System.nanoTime() + (long) (Person.SETUP_TIMEOUT_MS * 1e6));
        Assertions.assertThat(Person.videoProgress(bob.screenTile("Ada")).width()).isEqualTo(1280);
        Assertions.assertThat(area(bob.screenTile("Ada").boundingBox()))
                .as("the shared screen is shown larger than any camera")
                .isGreaterThan(area(bob.tile("Ada").boundingBox()))
                .isGreaterThan(area(bob.tile("Bob").boundingBox()));
        // The camera keeps going next to the screen.
        bob.expectVideoPlaying(bob.tile("Ada"), System.nanoTime() + (long) (Person.SETUP_TIMEOUT_MS * 1e6));

        ada.button("Stop sharing").click();

        assertThat(ada.button("Share screen")).isVisible();
        assertThat(bob.screenTile("Ada")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(5_000));
        assertThat(ada.screenTile("Ada")).hasCount(0);
        bob.expectRemoteTiles(List.of("Ada"), 500);
        bob.expectMediaFrom(List.of("Ada"));
    }
}
