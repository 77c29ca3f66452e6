package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat in real Chromium: live delivery to everyone, history for a late joiner, text never becomes HTML. */
class ChatIT {

    /** Markup that would create elements (and run script) if it were ever rendered as HTML. */
    private static final String TEXT = "Agenda <b>bold?</b> <img src=x onerror=\"window.pwned=1\"> & more";

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

    private static Locator chatMessages(Person person) {
        return person.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Chat"))
                .getByRole(AriaRole.LISTITEM);
    }

    private static void openChat(Person person) {
        person.button("Chat").click();
        assertThat(person.button("Chat")).hasAttribute("aria-expanded", "true");
    }

    private static void expectMessageAsText(Person person) {
        Locator message = chatMessages(person).filter(new Locator.FilterOptions().setHasText(TEXT));
        assertThat(message).hasCount(1);
        assertThat(message).containsText("Ada");
        assertThat(message.locator("b, img")).hasCount(0);
        Assertions.assertThat(person.page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void aMessageFromAdaAppearsAtEveryoneAsTextAndALateJoinerSeesItInTheHistory() {
        String room = Meetings.newRoom("chat");
        List<Person> people = meetings.join(room, "Ada", "Bob", "Cleo");
        Person ada = people.get(0);
        List<String> pageErrors = new CopyOnWriteArrayList<>();
        people.forEach(p -> p.page.onPageError(e -> pageErrors.add(p.name + ": " + e)));
        for (Person other : people.subList(1, 3)) {
            other.expectRemoteTiles(List.of("Ada", other.name.equals("Bob") ? "Cleo" : "Bob"), Person.SETUP_TIMEOUT_MS);
        }

        openChat(ada);
        ada.page.getByLabel("Message").fill(TEXT);
        ada.button("Send").click();

        expectMessageAsText(ada);
        assertThat(ada.page.getByLabel("Message")).hasValue("");
        for (Person other : people.subList(1, 3)) {
            // Unread badge on the closed panel's button, then the message in the panel.
            assertThat(other.button("Chat")).hasText(java.util.regex.Pattern.compile("Chat\\s*1"));
            openChat(other);
            expectMessageAsText(other);
        }

        Person dan = meetings.join(room, "Dan").getFirst();
        openChat(dan);
        expectMessageAsText(dan);
        Assertions.assertThat(pageErrors).isEmpty();
    }

    @Test
    void aLateJoinerPagesBackThroughALongHistoryWithShowEarlierMessages() {
        String room = Meetings.newRoom("history");
        Person ada = meetings.join(room, "Ada").getFirst();
        openChat(ada);
        int count = 20; // the chat budget's burst: typed at once, none is refused
        for (int i = 0; i < count; i++) {
            ada.page.getByLabel("Message").fill(String.format("m%02d ", i) + "x".repeat(4000));
            ada.page.getByLabel("Message").press("Enter");
        }
        assertThat(chatMessages(ada)).hasCount(count);

        Person bob = meetings.join(room, "Bob").getFirst();
        openChat(bob);
        Locator earlier = bob.button("Show earlier messages");
        assertThat(earlier).isVisible();
        int shownAtJoin = chatMessages(bob).count();
        Assertions.assertThat(shownAtJoin).as("joined carries only the newest page").isBetween(1, count - 1);
        for (int pages = 0; earlier.isVisible() && pages < count; pages++) {
            int before = chatMessages(bob).count();
            earlier.click();
            assertThat(chatMessages(bob)).not().hasCount(before);
        }
        assertThat(earlier).isHidden();
        assertThat(chatMessages(bob)).hasCount(count);
        assertThat(chatMessages(bob).first()).containsText("m00 ");
        assertThat(chatMessages(bob).last()).containsText(String.format("m%02d ", count - 1));
    }

    @Test
    void enterInTheMessageFieldSends() {
        List<Person> people = meetings.join(Meetings.newRoom("enter"), "Ada", "Bob");
        openChat(people.get(0));
        people.get(0).page.getByLabel("Message").fill("sent with Enter");
        people.get(0).page.getByLabel("Message").press("Enter");

        openChat(people.get(1));
        assertThat(chatMessages(people.get(1)).filter(new Locator.FilterOptions().setHasText("sent with Enter")))
                .hasCount(1);
    }
}
