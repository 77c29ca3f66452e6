package dev.parley.e2e;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (prints, does not assert) the time from the click on "Join" to the first frame of remote video shown in
 * a tile, for the last of 2 and of 3 participants. The page records the click time with a capturing listener on
 * the Join button and each remote tile's first frame with {@code requestVideoFrameCallback}; both are read from
 * {@code performance.now()} of the joining page. Results go to docs/benchmarks.md by hand.
 */
class JoinTimingIT {

    /** Runs per size; few, so the class stays within the per-test timeout on a loaded two-core machine. */
    private static final int RUNS = 3;

    /** Installs the measurement on the lobby page; resolves to [first frame ms, last first-frame ms]. */
    private static final String WATCH = """
            (button, remotes) => {
              window.__parleyJoinTiming = new Promise((resolve) => {
                let clickedAt = null;
                const firstFrames = new Map();
                button.addEventListener('click', () => { clickedAt = performance.now(); }, { capture: true, once: true });
                const watch = () => {
                  for (const video of document.querySelectorAll('.tile[data-participant-id]:not([data-self]) video')) {
                    if (video.dataset.timed) continue;
                    video.dataset.timed = 'yes';
                    const id = video.closest('.tile').dataset.participantId;
                    video.requestVideoFrameCallback(() => {
                      if (firstFrames.has(id) || clickedAt === null) return;
                      firstFrames.set(id, performance.now() - clickedAt);
                      if (firstFrames.size === remotes) {
                        const times = [...firstFrames.values()];
                        resolve([Math.min(...times), Math.max(...times)]);
                      }
                    });
                  }
                };
                new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
              });
            }""";

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

    /** One run: {@code participants - 1} people are in a call, the last one joins; returns [first, all] in ms. */
    private static double[] measureJoin(int participants) {
        String room = Meetings.newRoom("timing");
        List<String> names = List.of("Ada", "Bob", "Cleo").subList(0, participants - 1);
        List<Person> present = meetings.join(room, names.toArray(String[]::new));
        for (Person p : present) {
            p.expectRemoteTiles(names.stream().filter(n -> !n.equals(p.name)).toList(), Person.SETUP_TIMEOUT_MS);
        }
        Person joiner = meetings.track(Person.openLobby(meetings.browser, meetings.roomUrl(room), "Zoe"));
        joiner.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join").setExact(true))
                .evaluate(WATCH, participants - 1);
        joiner.joinFromLobby();
        @SuppressWarnings("unchecked")
        List<Number> times = (List<Number>) joiner.page.evaluate("() => window.__parleyJoinTiming");
        meetings.closePeople();
        return new double[] {times.get(0).doubleValue(), times.get(1).doubleValue()};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void measure(int participants) {
        measureJoin(participants); // warm-up: first use of codecs and the fake devices in this browser
        List<Double> first = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            double[] t = measureJoin(participants);
            first.add(t[0]);
            all.add(t[1]);
        }
        System.out.printf("E2E join-to-first-frame: %d participants p50=%.0fms min=%.0fms max=%.0fms"
                        + " (all %d remote tiles showing video: p50=%.0fms max=%.0fms; %d runs, runs: %s)%n",
                participants, median(first), first.stream().mapToDouble(d -> d).min().orElseThrow(),
                first.stream().mapToDouble(d -> d).max().orElseThrow(), participants - 1, median(all),
                all.stream().mapToDouble(d -> d).max().orElseThrow(), RUNS,
                first.stream().map(d -> String.valueOf(Math.round(d))).toList());
        Assertions.assertThat(first).allMatch(d -> d > 0);
    }

    @Test
    void printsJoinClickToFirstRemoteFrameFor2Participants() {
        measure(2);
    }

    @Test
    void printsJoinClickToFirstRemoteFrameFor3Participants() {
        measure(3);
    }
}
