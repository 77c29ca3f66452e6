package dev.parley.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return chromium(playwright, CHROMIUM_FLAGS);
    }

    static Browser chromium(Playwright playwright, List<String> flags) {
        return chromium(playwright, flags, chromiumBinary());
    }

    /** Chromium started through {@code executable} (e.g. a wrapper that enters a network namespace). */
    static Browser chromium(Playwright playwright, List<String> flags, Path executable) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setArgs(flags)
                .setHeadless(true));
    }

    /**
     * {@link #CHROMIUM_FLAGS} with a small fake camera: every page's camera plays {@code camera} (a Y4M file, see
     * {@link #writeTestPattern}) at its own size and rate instead of the 720p 30 fps the page asks for, for tests
     * with many participants in one browser on a small machine.
     */
    static List<String> chromiumFlagsWithCamera(Path camera) {
        List<String> flags = new ArrayList<>(CHROMIUM_FLAGS);
        flags.add("--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
        return List.copyOf(flags);
    }

    /**
     * Writes a moving test pattern as an uncompressed Y4M video (4:2:0), {@code frames} frames of
     * {@code width}x{@code height} at {@code fps}; Chromium loops it as the fake camera. A bright bar crosses a
     * grey gradient, so every frame differs and the encoder sends real pictures.
     */
    static Path writeTestPattern(Path file, int width, int height, int fps, int frames) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n".formatted(width, height, fps))
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] luma = new byte[width * height];
            byte[] chroma = new byte[(width / 2) * (height / 2)];
            for (int f = 0; f < frames; f++) {
                int bar = f * width / frames;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        boolean inBar = x >= bar && x < bar + width / 8;
                        luma[y * width + x] = (byte) (inBar ? 235 : 16 + (x + y) * 180 / (width + height));
                    }
                }
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                java.util.Arrays.fill(chroma, (byte) (96 + f * 64 / frames));
                out.write(chroma);
                java.util.Arrays.fill(chroma, (byte) 160);
                out.write(chroma);
            }
        }
        return file;
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
