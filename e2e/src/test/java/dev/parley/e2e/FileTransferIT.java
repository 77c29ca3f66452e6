package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peer-to-peer file transfer over the data channel in real Chromium, picked and saved through the UI. */
class FileTransferIT {

    private static final int FIVE_MIB = 5 * 1024 * 1024;

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

    /** Ada picks {@code file} for Bob from the participants panel ("Send a file to Bob"). */
    private static void sendFile(Person ada, String to, FilePayload file) {
        if (!"true".equals(ada.button("Participants").getAttribute("aria-expanded"))) {
            ada.button("Participants").click();
        }
        Locator send = ada.button("Send a file to " + to);
        assertThat(send).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(Person.SETUP_TIMEOUT_MS));
        FileChooser chooser = ada.page.waitForFileChooser(send::click);
        chooser.setFiles(file);
    }

    private static Locator card(Person person, String fileName) {
        return person.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("File transfers"))
                .getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("File " + fileName).setExact(true));
    }

    private static Locator button(Locator card, String name) {
        return card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void a5MiBFileArrivesWithTheSameSha256() throws Exception {
        List<Person> people = meetings.join(Meetings.newRoom("file"), "Ada", "Bob");
        Person ada = people.get(0);
        Person bob = people.get(1);
        byte[] content = new byte[FIVE_MIB];
        new Random(4).nextBytes(content);
        String expected = sha256(content);

        sendFile(ada, "Bob", new FilePayload("minutes.bin", "application/octet-stream", content));

        Locator offer = card(bob, "minutes.bin");
        assertThat(offer).containsText("5");
        assertThat(offer).containsText("From Ada");
        button(offer, "Accept").click();
        Locator save = offer.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Save minutes.bin"));
        assertThat(save).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(offer).containsText("Received and verified");
        assertThat(card(ada, "minutes.bin")).containsText("Delivered and verified");

        Download download = bob.page.waitForDownload(save::click);
        Assertions.assertThat(download.suggestedFilename()).isEqualTo("minutes.bin");
        byte[] received = Files.readAllBytes(download.path());
        Assertions.assertThat(received).hasSize(FIVE_MIB);
        Assertions.assertThat(sha256(received)).isEqualTo(expected);
    }

    @Test
    void aDeclinedTransferEndsCleanlyOnBothSides() {
        List<Person> people = meetings.join(Meetings.newRoom("decline"), "Ada", "Bob");
        Person ada = people.get(0);
        Person bob = people.get(1);

        sendFile(ada, "Bob", new FilePayload("unwanted.txt", "text/plain", "not for you".getBytes()));
        Locator sent = card(ada, "unwanted.txt");
        assertThat(sent).containsText("Waiting for them to accept");
        Locator offered = card(bob, "unwanted.txt");
        button(offered, "Decline").click();

        assertThat(offered).containsText("Declined");
        assertThat(sent).containsText("They declined the file");
        for (Locator card : List.of(sent, offered)) {
            assertThat(button(card, "Accept")).hasCount(0);
            assertThat(button(card, "Cancel")).hasCount(0);
            assertThat(card.getByRole(AriaRole.LINK)).hasCount(0);
        }
        button(sent, "Dismiss").click();
        button(offered, "Dismiss").click();
        assertThat(sent).hasCount(0);
        assertThat(offered).hasCount(0);

        // The channel is still usable afterwards.
        sendFile(ada, "Bob", new FilePayload("wanted.txt", "text/plain", "for you".getBytes()));
        button(card(bob, "wanted.txt"), "Accept").click();
        assertThat(card(ada, "wanted.txt")).containsText("Delivered and verified");
    }
}
