package dev.parley.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import dev.parley.rooms.RoomsConfig;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server and one Chromium shared by the tests of a class, and the people each test brings into its own room.
 * The resume grace is shortened to {@link #RESUME_GRACE} so a crashed participant leaves within seconds.
 */
final class Meetings implements AutoCloseable {

    /** Resume grace of the server under test (the default is 30 s). */
    static final Duration RESUME_GRACE = Duration.ofSeconds(3);

    private static final AtomicInteger ROOMS = new AtomicInteger();

    final ParleyServer server;
    final Playwright playwright;
    final Browser browser;
    private final List<Person> people = new ArrayList<>();

    private Meetings(ParleyServer server, Playwright playwright, Browser browser) {
        this.server = server;
        this.playwright = playwright;
        this.browser = browser;
    }

    static Meetings start(Path dataDir) throws Exception {
        return start(testConfig(dataDir));
    }

    /**
     * The test server configuration: free ports on loopback, the short {@link #RESUME_GRACE}, and rooms that stay
     * peer to peer however many join, so the mesh is what these tests exercise.
     */
    static ServerConfig testConfig(Path dataDir) {
        RoomsConfig defaults = RoomsConfig.DEFAULTS;
        return ServerConfig.forTests(dataDir).withRooms(new RoomsConfig(
                defaults.roomCapacity(), defaults.chatHistorySize(), defaults.chatTextMax(), RESUME_GRACE,
                RoomsConfig.NEVER_SFU));
    }

    /**
     * The server's default rooms for tests with the SFU: the third participant moves a room to it, and a participant
     * whose page stalls keeps their place for the default resume grace.
     */
    static ServerConfig sfuConfig(Path dataDir) {
        return ServerConfig.forTests(dataDir).withP2pMax(DEFAULT_P2P_MAX);
    }

    /** {@code --p2p-max} default (docs/configuration.md). */
    static final int DEFAULT_P2P_MAX = 2;

    /** A server with {@code config} and a Chromium to visit it. */
    static Meetings start(ServerConfig config) throws Exception {
        return start(config, Browsers.CHROMIUM_FLAGS);
    }

    /** A server with {@code config} and a Chromium with {@code chromiumFlags} to visit it. */
    static Meetings start(ServerConfig config, List<String> chromiumFlags) throws Exception {
        ParleyServer server = ParleyServer.start(config);
        try {
            Playwright playwright = Browsers.playwright();
            return new Meetings(server, playwright, Browsers.chromium(playwright, chromiumFlags));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The base URL of the server over plain HTTP on localhost. */
    String baseUrl() {
        return "http://localhost:" + server.httpPort();
    }

    /** A fresh room name, so tests sharing a server never meet. */
    static String newRoom(String prefix) {
        return prefix + "-" + ROOMS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    String roomUrl(String room) {
        return "http://localhost:" + server.httpPort() + "/r/" + room;
    }

    /** Joins {@code names} to {@code room} one after another, each from the lobby, in its own context. */
    List<Person> join(String room, String... names) {
        List<Person> joined = new ArrayList<>();
        for (String name : names) {
            joined.add(track(Person.join(browser, roomUrl(room), name)));
        }
        return joined;
    }

    /** Keeps {@code person} to be closed by {@link #closePeople()}. */
    Person track(Person person) {
        people.add(person);
        return person;
    }

    /** Closes every context opened by the current test. */
    void closePeople() {
        for (Person person : people) {
            try {
                person.close();
            } catch (RuntimeException e) {
                // its browser is already gone (a crash test)
            }
        }
        people.clear();
    }

    /** A counter from the server's Prometheus endpoint, e.g. {@code messagesIn("resume")}. */
    double messagesIn(String type) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^parley_signaling_messages_in_total\\{[^}]*type=\"" + Pattern.quote(type)
                    + "\"[^}]*} ([0-9.eE+-]+)$").matcher(body);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
    }

    /** The server's Prometheus text ({@code /metrics}). */
    String metricsText() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** The sum of every sample of metric {@code name} (all label sets), 0 when absent. */
    double metric(String name) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(metricsText());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    @Override
    public void close() {
        closePeople();
        browser.close();
        playwright.close();
        server.close();
    }
}
