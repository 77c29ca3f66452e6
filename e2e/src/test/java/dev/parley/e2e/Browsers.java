package dev.parley.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts Debian's Chromium through Playwright with the flags that make WebRTC work headless on loopback
 * (fake camera/microphone, auto-accepted permission prompts, loopback ICE candidates).
 */
final class Browsers {

    static final List<String> CHROMIUM_FLAGS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--allow-loopback-in-peer-connection",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--autoplay-policy=no-user-gesture-required");

    private Browsers() {
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser chromium(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromiumBinary())
                .setArgs(CHROMIUM_FLAGS)
                .setHeadless(true));
    }

    /** The real Chromium binary (Debian's /usr/bin/chromium is a shell wrapper around it). */
    static Path chromiumBinary() {
        String configured = System.getProperty("parley.chromium", System.getenv("PARLEY_CHROMIUM"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String candidate : List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("Chromium not found; install Debian's chromium package or set PARLEY_CHROMIUM");
    }

    /** Where tests leave screenshots for people to look at. */
    static Path artifacts() {
        Path dir = Path.of(System.getProperty("parley.e2e.artifacts", "target/e2e-artifacts"));
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }
}
