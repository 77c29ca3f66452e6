package dev.parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One person in Firefox: {@code src/test/js/firefox-participant.mjs} run by Node, which drives Debian's firefox-esr
 * through puppeteer-core over WebDriver BiDi (Playwright cannot drive the stock Firefox, and Debian has no
 * geckodriver). The script joins from the lobby like {@link Person}, then reports one JSON event per line; this class
 * reads them. Closing it closes the script's standard input: the person clicks "Leave" and the script ends.
 *
 * <p>Missing Node, Firefox or the script's {@code node_modules} fail the test with what to install: the test command
 * ({@code scripts/test}) installs all three. Not thread-safe; one test drives it.
 */
final class FirefoxParticipant implements AutoCloseable {

    /**
     * Launching Firefox: ~2.5 s on an idle machine, 5-10 s while other builds run, over 30 s seen on a two-core machine
     * at a load of 25. The script's own launch timeout is 90 s too.
     */
    static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(90);

    /** Each step after the launch (loading the page and joining; the call setting up), on a busy machine. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode END = JSON.createObjectNode().put("event", "end of output");

    final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();

    private FirefoxParticipant(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread.ofVirtual().name("firefox-" + name + "-stdout").start(this::readEvents);
    }

    /** Starts Firefox and joins {@code roomUrl} as {@code name}; returns at once, read progress with {@link #await}. */
    static FirefoxParticipant join(String roomUrl, String name) throws IOException {
        Path scripts = scriptDir();
        Path script = scripts.resolve("firefox-participant.mjs");
        if (!Files.isDirectory(scripts.resolve("node_modules/puppeteer-core"))) {
            throw new IllegalStateException("puppeteer-core is not installed in " + scripts
                    + "; run `PUPPETEER_SKIP_DOWNLOAD=1 npm ci` there (scripts/test does)");
        }
        String run = "firefox-" + name + "-" + System.nanoTime();
        Path log = Browsers.artifacts().resolve(run + ".log");
        ProcessBuilder builder = new ProcessBuilder(node(), script.toString(), roomUrl, name,
                "--max-seconds", "300")
                .directory(scripts.toFile())
                .redirectError(log.toFile());
        builder.environment().put("PARLEY_FIREFOX", firefoxBinary().toString());
        builder.environment().put("PARLEY_E2E_SCREENSHOT", Browsers.artifacts().resolve(run + ".png").toString());
        return new FirefoxParticipant(name, builder.start(), log);
    }

    /** Waits until Firefox is launched and this person is in the call; returns the "launched" event. */
    JsonNode awaitJoined() throws InterruptedException {
        JsonNode launched = await("launched", LAUNCH_TIMEOUT);
        await("joined", STEP_TIMEOUT);
        return launched;
    }

    /** Waits until this person is in the call and reports media from every remote participant; the "media" event. */
    JsonNode awaitMedia() throws InterruptedException {
        awaitJoined();
        return await("media", STEP_TIMEOUT);
    }

    /**
     * The first event of {@code type}, already read or still to come; fails on an {@code error} event, on the end of
     * the script's output, or after {@code timeout}.
     */
    JsonNode await(String type, Duration timeout) throws InterruptedException {
        for (JsonNode event : seen) {
            if (event.path("event").asText().equals(type)) {
                return event;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            JsonNode event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for Firefox's "
                        + name + " to report \"" + type + "\"; " + diagnostics());
            }
            seen.add(event);
            String got = event.path("event").asText();
            if (got.equals(type)) {
                return event;
            }
            if (got.equals("error") || event == END) {
                throw new AssertionError("Firefox's " + name + " failed before \"" + type + "\": "
                        + event.path("message").asText(got) + "; " + diagnostics());
            }
        }
    }

    private String diagnostics() {
        String stderr;
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            stderr = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            stderr = "(unreadable: " + e + ")";
        }
        return "events so far " + seen + ", standard error (" + log + "):\n" + stderr;
    }

    private void readEvents() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("event", "unparsable").put("line", line));
                }
            }
        } catch (IOException e) {
            // the process is gone; END below says so
        }
        events.add(END);
    }

    /** Closes the script's input so the person leaves; ends Firefox and the script by force if they linger. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            // Clicking "Leave" may take up to 10 s on a busy machine, then Firefox closes.
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Where the script and its package.json are (set by the e2e pom; the module directory otherwise). */
    private static Path scriptDir() {
        return Path.of(System.getProperty("parley.e2e.js", "src/test/js")).toAbsolutePath();
    }

    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("node not found on PATH; install Debian's nodejs package (scripts/test does)");
    }

    /** Debian's firefox-esr, or {@code $PARLEY_FIREFOX} / {@code -Dparley.firefox}. */
    static Path firefoxBinary() {
        String configured = System.getProperty("parley.firefox", System.getenv("PARLEY_FIREFOX"));
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new IllegalStateException("Firefox not found at " + configured + " (PARLEY_FIREFOX)");
            }
            return Path.of(configured);
        }
        for (String candidate : List.of("/usr/lib/firefox-esr/firefox-esr", "/usr/bin/firefox-esr")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("Firefox not found; install Debian's firefox-esr package (scripts/test does) "
                + "or set PARLEY_FIREFOX");
    }
}
