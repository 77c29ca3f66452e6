package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.signaling.CloseCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three-person calls in real Chromium, driven from the lobby: tiles and media, microphone and camera state, leaving,
 * a crashed browser and a socket the server closes. The server's resume grace is 3 s ({@link Meetings#RESUME_GRACE}).
 */
class CallIT {

    /** What the issue promises for state changes and leaving: the others see it within 2 s. */
    private static final double WITHIN_2_S = 2_000;

    @TempDir
    static Path dataDir;
    static Meetings meetings;

    @BeforeAll
    static void start() throws Exception {
        meetings = Meetings.start(dataDir);
    }

    @AfterEach
    void closePeople() {
        meetings.closePeople();
    }

    @AfterAll
    static void stop() {
        if (meetings != null) {
            meetings.close();
        }
    }

    private static LocatorAssertions.IsVisibleOptions visibleWithin(double ms) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(ms);
    }

    private static LocatorAssertions.IsHiddenOptions hiddenWithin(double ms) {
        return new LocatorAssertions.IsHiddenOptions().setTimeout(ms);
    }

    private static LocatorAssertions.HasCountOptions countWithin(double ms) {
        return new LocatorAssertions.HasCountOptions().setTimeout(ms);
    }

    private static Locator mutedIcon(Locator tile) {
        return tile.getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("Microphone muted"));
    }

    /** The camera-off placeholder with the initials (docs/web-client.md: `.placeholder`). */
    private static Locator cameraOffPlaceholder(Locator tile) {
        return tile.locator(".placeholder");
    }

    @Test
    void threeParticipantsWhoJoinFromTheLobbySeeTwoNamedRemoteTilesAndReceiveVideoAndAudio() {
        List<Person> people = meetings.join(Meetings.newRoom("three"), "Ada", "Bob", "Cleo");
        for (Person person : people) {
            List<String> others = people.stream().map(p -> p.name).filter(n -> !n.equals(person.name)).toList();
            person.expectRemoteTiles(others, Person.SETUP_TIMEOUT_MS);
            assertThat(person.tile(person.name)).hasAttribute("data-self", "true");
            person.expectMediaFrom(others);
        }
    }

    @Test
    void muteAndCameraOffShowAtTheOthersWithin2Seconds() {
        List<Person> people = meetings.join(Meetings.newRoom("mute"), "Ada", "Bob", "Cleo");
        Person ada = people.get(0);
        List<Person> others = people.subList(1, 3);
        for (Person other : others) {
            other.expectMediaFrom(List.of("Ada", other == others.get(0) ? "Cleo" : "Bob"));
            assertThat(mutedIcon(other.tile("Ada"))).isHidden();
            assertThat(cameraOffPlaceholder(other.tile("Ada"))).isHidden();
        }

        ada.button("Mute microphone").click();
        assertThat(ada.button("Unmute microphone")).isVisible();
        for (Person other : others) {
            assertThat(mutedIcon(other.tile("Ada"))).isVisible(visibleWithin(WITHIN_2_S));
        }

        ada.button("Turn off camera").click();
        assertThat(ada.button("Turn on camera")).isVisible();
        for (Person other : others) {
            assertThat(cameraOffPlaceholder(other.tile("Ada"))).isVisible(visibleWithin(WITHIN_2_S));
            assertThat(cameraOffPlaceholder(other.tile("Ada"))).hasText("A");
        }

        ada.button("Unmute microphone").click();
        ada.button("Turn on camera").click();
        for (Person other : others) {
            assertThat(mutedIcon(other.tile("Ada"))).isHidden(hiddenWithin(WITHIN_2_S));
            // Turning the camera on starts the device again; allow for that before the first frame.
            assertThat(cameraOffPlaceholder(other.tile("Ada"))).isHidden(hiddenWithin(Person.SETUP_TIMEOUT_MS));
        }
        others.get(0).expectMediaFrom(List.of("Ada", "Cleo"));
    }

    @Test
    void leavingRemovesTheTileAtTheOthersWithin2Seconds() {
        List<Person> people = meetings.join(Meetings.newRoom("leave"), "Ada", "Bob", "Cleo");
        Person ada = people.get(0);
        for (Person other : people.subList(1, 3)) {
            other.expectRemoteTiles(List.of("Ada", other.name.equals("Bob") ? "Cleo" : "Bob"), Person.SETUP_TIMEOUT_MS);
        }

        ada.button("Leave").click();

        assertThat(ada.page.getByRole(AriaRole.HEADING, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("You left the room"))).isVisible();
        assertThat(ada.button("Rejoin")).isVisible();
        for (Person other : people.subList(1, 3)) {
            assertThat(other.tile("Ada")).hasCount(0, countWithin(WITHIN_2_S));
            assertThat(other.remoteTiles()).hasCount(1);
        }
    }

    @Test
    void aKilledBrowsersTileDisappearsWithinTheResumeGrace() {
        String room = Meetings.newRoom("crash");
        List<Person> stayers = meetings.join(room, "Ada", "Bob");
        // Dan runs in a browser process of his own, marked so it can be found and killed like a crash (SIGKILL):
        // no pagehide, no leave; the server only sees the socket die.
        String marker = "--parley-e2e-crash=" + UUID.randomUUID();
        List<String> args = new ArrayList<>(Browsers.CHROMIUM_FLAGS);
        args.add(marker);
        Browser crashing = meetings.playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Browsers.chromiumBinary()).setArgs(args).setHeadless(true));
        try {
            Person dan = meetings.track(Person.join(crashing, meetings.roomUrl(room), "Dan"));
            dan.expectRemoteTiles(List.of("Ada", "Bob"), Person.SETUP_TIMEOUT_MS);
            for (Person stayer : stayers) {
                stayer.expectRemoteTiles(List.of("Dan", stayer.name.equals("Ada") ? "Bob" : "Ada"), Person.SETUP_TIMEOUT_MS);
            }

            List<ProcessHandle> processes = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .toList();
            Assertions.assertThat(processes).as("Dan's browser process").isNotEmpty();
            // The whole tree at once: a child (the network service holding the WebSocket) left behind would keep the
            // socket open until it noticed its parent was gone.
            processes.stream().flatMap(p -> java.util.stream.Stream.concat(p.descendants(), java.util.stream.Stream.of(p)))
                    .forEach(ProcessHandle::destroyForcibly);

            // The grace runs from the lost socket; the server looks for expired graces every second.
            // 2 s for the kill itself and a busy machine; a socket noticed only by the 15 s liveness timeout fails.
            double limit = Meetings.RESUME_GRACE.toMillis() + 1_000 + 2_000;
            for (Person stayer : stayers) {
                assertThat(stayer.tile("Dan")).hasCount(0, countWithin(limit));
                stayer.expectRemoteTiles(List.of(stayer.name.equals("Ada") ? "Bob" : "Ada"), 500);
            }
        } finally {
            try {
                crashing.close();
            } catch (RuntimeException e) {
                // already dead
            }
        }
    }

    @Test
    void afterTheServerClosesASocketThePersonResumesTheCallContinuesAndNoTileIsDuplicated() throws Exception {
        String room = Meetings.newRoom("resume");
        List<Person> people = meetings.join(room, "Ada", "Bob", "Cleo");
        Person ada = people.get(0);
        Person bob = people.get(1);
        Person cleo = people.get(2);
        bob.expectMediaFrom(List.of("Ada", "Cleo"));
        String bobId = ada.participantIdOf("Bob");
        double resumesBefore = meetings.messagesIn("resume");

        Assertions.assertThat(meetings.server.sessions().closeParticipant(bobId, CloseCodes.LIVENESS_TIMEOUT,
                "closed by the test")).isEqualTo(1);

        // Bob's client resumes the same session (the server counts one more resume), with the same id.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (meetings.messagesIn("resume") < resumesBefore + 1) {
            Assertions.assertThat(System.nanoTime()).as("Bob resumed within 10 s").isLessThan(deadline);
            bob.page.waitForTimeout(50);
        }
        assertThat(bob.page.getByRole(AriaRole.STATUS).getByText("Reconnecting…")).isHidden();
        Assertions.assertThat(meetings.server.rooms().roster(room))
                .anySatisfy(p -> {
                    Assertions.assertThat(p.id()).isEqualTo(bobId);
                    Assertions.assertThat(p.connected()).isTrue();
                });

        bob.expectRemoteTiles(List.of("Ada", "Cleo"), Person.SETUP_TIMEOUT_MS);
        ada.expectRemoteTiles(List.of("Bob", "Cleo"), Person.SETUP_TIMEOUT_MS);
        cleo.expectRemoteTiles(List.of("Ada", "Bob"), Person.SETUP_TIMEOUT_MS);
        Assertions.assertThat(cleo.participantIdOf("Bob")).isEqualTo(bobId);
        for (Person other : List.of(ada, cleo)) {
            assertThat(other.tile("Bob").getByText("Reconnecting…")).isHidden(hiddenWithin(Person.SETUP_TIMEOUT_MS));
        }
        bob.expectMediaFrom(List.of("Ada", "Cleo"));
        ada.expectMediaFrom(List.of("Bob", "Cleo"));
        cleo.expectMediaFrom(List.of("Ada", "Bob"));
        // Still exactly one tile per person everywhere after the dust settled.
        bob.expectRemoteTiles(List.of("Ada", "Cleo"), 500);
        ada.expectRemoteTiles(List.of("Bob", "Cleo"), 500);
        cleo.expectRemoteTiles(List.of("Ada", "Bob"), 500);
    }
}
