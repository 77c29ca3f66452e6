package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The landing page and a room page load in real Chromium, over HTTP (localhost) and HTTPS, without console errors. */
class PageSmokeIT {

    @TempDir
    static Path dataDir;
    static ParleyServer server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        server = ParleyServer.start(ServerConfig.forTests(dataDir));
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String base(String scheme) {
        return scheme.equals("https") ? "https://localhost:" + server.httpsPort() : "http://localhost:" + server.httpPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void landingAndRoomPagesLoadWithoutConsoleErrors(String scheme) {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true))) {
            Page page = context.newPage();
            List<String> problems = new CopyOnWriteArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    problems.add(m.text());
                }
            });
            page.onPageError(e -> problems.add("page error: " + e));

            Response landing = page.navigate(base(scheme) + "/");
            assertThat(landing.status()).isEqualTo(200);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a room")).waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.artifacts().resolve("landing-" + scheme + ".png")));

            Response room = page.navigate(base(scheme) + "/r/test");
            assertThat(room.status()).isEqualTo(200);
            page.getByLabel("Your name").waitFor();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.artifacts().resolve("lobby-" + scheme + ".png")));

            assertThat(problems).isEmpty();
        }
    }

    @Test
    void createARoomFromTheLandingPageOpensItsLobby() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base("http") + "/");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a room")).click();
            page.waitForURL(url -> url.matches(".*/r/[a-z0-9-]+$"));
            page.getByLabel("Your name").waitFor();
        }
    }

    @Test
    void unknownPathsGetTheFriendly404Page() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            Response response = page.navigate(base("http") + "/r/not..valid");
            assertThat(response.status()).isEqualTo(404);
            assertThat(page.getByRole(AriaRole.LINK).first().getAttribute("href")).isEqualTo("/");
        }
    }
}
