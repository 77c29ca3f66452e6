package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.turn.TurnSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /test page checks signaling, STUN, TURN over UDP and TCP, and media against the real server. */
class ConnectionTestPageIT {

    @TempDir
    static Path dataDir;
    static Meetings meetings;

    @BeforeAll
    static void start() throws Exception {
        meetings = Meetings.start(Meetings.testConfig(dataDir).withTurn(TurnSettings.forTests()));
    }

    @AfterAll
    static void stop() {
        if (meetings != null) {
            meetings.close();
        }
    }

    @Test
    void everyCheckPassesAgainstAWorkingServer() {
        try (BrowserContext context = meetings.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(meetings.baseUrl() + "/test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run the test")).click();
            for (String check : new String[] {"Signaling server", "STUN", "TURN over UDP", "TURN over TCP",
                    "Camera and microphone"}) {
                Locator row = page.getByRole(AriaRole.LISTITEM, new Page.GetByRoleOptions().setName(check).setExact(true));
                assertThat(row.locator(".check-status")).hasText("Pass", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
            }
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("All checks passed: calls should connect.");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.artifacts().resolve("connection-test.png")));
        }
        org.assertj.core.api.Assertions.assertThat(meetings.server.turn().orElseThrow().stats().allocationsCreated())
                .as("the TURN checks allocated relays on Parley's server").isGreaterThanOrEqualTo(2);
    }

    @Test
    void turnChecksFailWithAHintWhenTheServerHasNoTurn() throws Exception {
        try (ParleyServer plain = ParleyServer.start(ServerConfig.forTests(dataDir.resolve("plain")));
             BrowserContext context = meetings.browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + plain.httpPort() + "/test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run the test")).click();
            Locator udp = page.getByRole(AriaRole.LISTITEM, new Page.GetByRoleOptions().setName("TURN over UDP").setExact(true));
            assertThat(udp.locator(".check-status")).hasText("Fail", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
            assertThat(udp.locator(".check-hint")).containsText("TURN server");
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("checks failed",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        }
    }
}
