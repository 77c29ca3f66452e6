package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screenshots of the lobby and of a three-person room at 1280x720 (laptop) and 390x844 (phone), left in
 * {@link Browsers#artifacts()} for people to look at, plus the layout rules a screenshot shows at a glance: every
 * control and every name is on screen and no two controls overlap.
 */
class ScreenshotsIT {

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

    private static Browser.NewContextOptions viewport(int width, int height) {
        return new Browser.NewContextOptions().setViewportSize(width, height);
    }

    private static void screenshot(Person person, String name) {
        person.page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.artifacts().resolve(name + ".png")));
    }

    private static boolean overlap(BoundingBox a, BoundingBox b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }

    private static void expectInside(BoundingBox box, int width, int height, String what) {
        Assertions.assertThat(box).as(what + " is on screen").isNotNull();
        Assertions.assertThat(box.x).as(what + " left edge").isGreaterThanOrEqualTo(0);
        Assertions.assertThat(box.y).as(what + " top edge").isGreaterThanOrEqualTo(0);
        Assertions.assertThat(box.x + box.width).as(what + " right edge").isLessThanOrEqualTo(width + 0.5);
        Assertions.assertThat(box.y + box.height).as(what + " bottom edge").isLessThanOrEqualTo(height + 0.5);
    }

    /** Controls on screen and apart, names of everyone readable (visible, inside the viewport, not clipped away). */
    private static void expectTidyRoom(Person person, int width, int height, List<String> names) {
        Locator controls = person.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Call controls"))
                .getByRole(AriaRole.BUTTON);
        List<BoundingBox> boxes = controls.all().stream().filter(Locator::isVisible).map(Locator::boundingBox).toList();
        Assertions.assertThat(boxes).hasSizeGreaterThanOrEqualTo(7);
        for (int i = 0; i < boxes.size(); i++) {
            expectInside(boxes.get(i), width, height, "control " + i);
            for (int j = i + 1; j < boxes.size(); j++) {
                Assertions.assertThat(overlap(boxes.get(i), boxes.get(j))).as("controls %d and %d overlap", i, j).isFalse();
            }
        }
        for (String name : names) {
            Locator label = person.tile(name).locator(".tile-name");
            assertThat(label).isVisible();
            expectInside(label.boundingBox(), width, height, "name of " + name);
            Assertions.assertThat((Boolean) label.evaluate("(e) => e.scrollWidth <= e.clientWidth + 1"))
                    .as("name of %s fits its label", name).isTrue();
        }
    }

    @Test
    void lobbyAndThreePersonRoomAtLaptopAndPhoneSizes() {
        String room = Meetings.newRoom("looks");
        Person ada = meetings.track(Person.openLobby(meetings.browser, meetings.roomUrl(room), "Ada Lovelace",
                viewport(1280, 720)));
        Person bob = meetings.track(Person.openLobby(meetings.browser, meetings.roomUrl(room), "Bob Kahn",
                viewport(390, 844)));
        for (Person p : List.of(ada, bob)) {
            p.page.getByLabel("Your name").fill(p.name);
            assertThat(p.button("Join")).isInViewport();
        }
        screenshot(ada, "lobby-1280x720");
        screenshot(bob, "lobby-390x844");

        ada.joinFromLobby();
        bob.joinFromLobby();
        Person cleo = meetings.join(room, "Cleo Grace-Hopper").getFirst();
        List<String> everyone = List.of(ada.name, bob.name, cleo.name);
        for (Person p : List.of(ada, bob)) {
            List<String> others = everyone.stream().filter(n -> !n.equals(p.name)).toList();
            p.expectRemoteTiles(others, Person.SETUP_TIMEOUT_MS);
            long deadline = System.nanoTime() + (long) (Person.SETUP_TIMEOUT_MS * 1e6);
            others.forEach(n -> p.expectVideoShown(p.tile(n), deadline));
        }

        screenshot(ada, "room-3-1280x720");
        screenshot(bob, "room-3-390x844");
        expectTidyRoom(ada, 1280, 720, everyone);
        expectTidyRoom(bob, 390, 844, everyone);

        for (Person p : List.of(ada, bob)) {
            p.button("Chat").click();
            p.page.getByLabel("Message").fill("Hello from " + p.name);
            p.button("Send").click();
        }
        screenshot(ada, "room-3-chat-1280x720");
        screenshot(bob, "room-3-chat-390x844");
    }
}
