package dev.parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-browser calls: one person in Firefox ({@link FirefoxParticipant}) and one in Chromium ({@link Person}) meet
 * in a room, both joining from the lobby, and each proves from its own {@code getStats()} that the other's video
 * decodes and audio packets arrive, and sees the other's name on the tile. Both ways round, because the one who joins
 * second makes the first offer (docs/web-client.md, "How the mesh negotiates"). Prints, without asserting, Firefox's
 * time from the click on "Join" to the first remote frame.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS) // a Firefox launch alone may take 90 s on a loaded machine
class FirefoxCallIT {

    @TempDir
    static Path dataDir;
    static Meetings meetings;
    private FirefoxParticipant firefox;

    @BeforeAll
    static void start() throws Exception {
        meetings = Meetings.start(dataDir);
    }

    @AfterEach
    void closePeople() {
        if (firefox != null) {
            firefox.close();
            firefox = null;
        }
        meetings.closePeople();
    }

    @AfterAll
    static void stop() {
        if (meetings != null) {
            meetings.close();
        }
    }

    @Test
    void firefoxJoiningChromiumOffersAndBothReceiveTheOthersVideoAndAudio() throws Exception {
        String room = Meetings.newRoom("firefox-joins");
        Person ada = meetings.join(room, "Ada").get(0);

        firefox = FirefoxParticipant.join(meetings.roomUrl(room), "Fox");

        JsonNode media = expectFirefoxReceivesMediaFrom("Ada");
        JsonNode launched = firefox.awaitJoined();
        System.out.printf("E2E Firefox (%s) joining Chromium: launch %d ms, Join click to first remote frame %s ms%n",
                launched.path("browser").asText(), launched.path("ms").asLong(),
                media.path("joinToFirstFrameMs").asText());
        ada.expectRemoteTiles(List.of("Fox"), Person.SETUP_TIMEOUT_MS);
        ada.expectMediaFrom(List.of("Fox"));
    }

    @Test
    void chromiumJoiningFirefoxOffersAndBothReceiveTheOthersVideoAndAudio() throws Exception {
        String room = Meetings.newRoom("chromium-joins");
        firefox = FirefoxParticipant.join(meetings.roomUrl(room), "Fox");
        firefox.awaitJoined();

        Person ada = meetings.join(room, "Ada").get(0);

        ada.expectRemoteTiles(List.of("Fox"), Person.SETUP_TIMEOUT_MS);
        ada.expectMediaFrom(List.of("Fox"));
        expectFirefoxReceivesMediaFrom("Ada");
    }

    /**
     * Firefox's own evidence: exactly one remote tile, named {@code other}, whose {@code <video>} has a size and plays,
     * whose inbound video {@code framesDecoded} grew between two reads and whose audio {@code packetsReceived} is
     * positive.
     */
    private JsonNode expectFirefoxReceivesMediaFrom(String other) throws InterruptedException {
        JsonNode media = firefox.awaitMedia();
        JsonNode remotes = media.path("remotes");
        Assertions.assertThat(remotes.size()).as("remote tiles at Firefox: %s", remotes).isEqualTo(1);
        JsonNode remote = remotes.get(0);
        Assertions.assertThat(remote.path("name").asText()).as("remote tile name at Firefox").isEqualTo(other);
        long framesBefore = remote.path("framesDecoded").get(0).asLong();
        long framesAfter = remote.path("framesDecoded").get(1).asLong();
        Assertions.assertThat(framesBefore).as("video frames decoded at Firefox: %s", remote).isPositive();
        Assertions.assertThat(framesAfter).as("video frames decoded at Firefox, later: %s", remote)
                .isGreaterThan(framesBefore);
        Assertions.assertThat(remote.path("audioPackets").asLong()).as("audio packets at Firefox: %s", remote)
                .isPositive();
        Assertions.assertThat(remote.path("width").asInt()).as("video width at Firefox: %s", remote).isPositive();
        Assertions.assertThat(remote.path("paused").asBoolean(true)).as("video paused at Firefox: %s", remote).isFalse();
        return media;
    }
}
