package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitUntilState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One person in a meeting: a browser context with one page, driven through the UI the way a person uses it
 * (labels, roles, accessible names; docs/web-client.md, "Accessibility and test hooks"). The only page internals
 * read are the documented ones: tile attributes, {@code window.parley.peerConnections()} (the mesh) and
 * {@code window.parley.sfuConnection()} for media statistics. The page's console is kept for failure reports.
 */
final class Person implements AutoCloseable {

    /** Generous for waits that are not what a test asserts (page loads, the call setting up). */
    static final double SETUP_TIMEOUT_MS = 25_000;

    final String name;
    final BrowserContext context;
    final Page page;
    /** The page's console messages and uncaught errors, oldest first, for failure reports. */
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    private Person(String name, BrowserContext context) {
        this.name = name;
        this.context = context;
        this.page = context.newPage();
        this.page.setDefaultTimeout(SETUP_TIMEOUT_MS);
        this.page.onConsoleMessage(m -> console.add("%s %s: %s".formatted(now(), m.type(), m.text())));
        this.page.onPageError(e -> console.add("%s uncaught: %s".formatted(now(), e)));
        // Signaling messages too (not pings, not SDP bodies): what the page was told and said, in order.
        this.page.onWebSocket(ws -> {
            ws.onFrameReceived(f -> logFrame("<-", f.text()));
            ws.onFrameSent(f -> logFrame("->", f.text()));
            ws.onClose(w -> console.add(now() + " socket closed"));
        });
    }

    /** Wall-clock time of day with milliseconds, as the server logs it. */
    static String now() {
        return java.time.LocalTime.now().toString();
    }

    private void logFrame(String direction, String text) {
        if (text == null) {
            return;
        }
        if (text.contains("\"type\":\"ping\"") || text.contains("\"type\":\"pong\"")) {
            console.add("%s %s %s".formatted(now(), direction, text.contains("ping") ? "ping" : "pong"));
            return;
        }
        String shown = text.replaceAll("\"sdp\":\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"", "\"sdp\":…")
                .replaceAll("\"(credential|resumeToken|token)\":\"[^\"]*\"", "\"$1\":…");
        console.add("%s %s %s".formatted(now(), direction,
                shown.length() > 600 ? shown.substring(0, 600) + "…" : shown));
    }

    /** Opens the lobby of {@code roomUrl} in a new context of {@code browser}. */
    static Person openLobby(Browser browser, String roomUrl, String name) {
        return openLobby(browser, roomUrl, name, new Browser.NewContextOptions());
    }

    static Person openLobby(Browser browser, String roomUrl, String name, Browser.NewContextOptions options) {
        Person person = new Person(name, browser.newContext(options));
        // The page's own scripts, not every subresource: other people's calls may keep the CPU busy.
        person.page.navigate(roomUrl, new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED)
                .setTimeout(2 * SETUP_TIMEOUT_MS));
        person.page.getByLabel("Your name").waitFor(new Locator.WaitForOptions().setTimeout(2 * SETUP_TIMEOUT_MS));
        return person;
    }

    /** Opens the lobby, types the name, clicks "Join" and waits until the call view is there. */
    static Person join(Browser browser, String roomUrl, String name) {
        Person person = openLobby(browser, roomUrl, name);
        person.joinFromLobby();
        return person;
    }

    void joinFromLobby() {
        page.getByLabel("Your name").fill(name);
        button("Join").click();
        button("Leave").waitFor();
    }

    Locator button(String accessibleName) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(accessibleName).setExact(true));
    }

    /** The camera tile(s) named {@code participant}: a group whose accessible name is the participant's name. */
    Locator tile(String participant) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Participants' videos"))
                .getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName(participant).setExact(true));
    }

    /** The screen-share tile(s) of {@code participant}. */
    Locator screenTile(String participant) {
        return page.getByRole(AriaRole.GROUP,
                new Page.GetByRoleOptions().setName("Screen shared by " + participant).setExact(true));
    }

    /** Every remote participant tile (documented attributes: data-participant-id, data-self on the own tile). */
    Locator remoteTiles() {
        return page.locator(".tile[data-participant-id]:not([data-self])");
    }

    /** Waits until this person sees exactly {@code others} as remote tiles, each once. */
    void expectRemoteTiles(List<String> others, double timeoutMs) {
        assertThat(remoteTiles()).hasCount(others.size(), new LocatorAssertions.HasCountOptions().setTimeout(timeoutMs));
        for (String other : others) {
            assertThat(tile(other)).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(timeoutMs));
        }
    }

    /** The participant id of {@code participant} as this person's page knows it (the tile's data-participant-id). */
    String participantIdOf(String participant) {
        return tile(participant).getAttribute("data-participant-id");
    }

    /** Inbound media counters of every peer connection of the current call, from {@code getStats()}. */
    List<InboundMedia> inboundMedia() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const rows = [];
                  for (const pc of window.parley.peerConnections()) {
                    const row = { framesDecoded: 0, audioPackets: 0, state: pc.connectionState };
                    (await pc.getStats()).forEach((r) => {
                      if (r.type !== 'inbound-rtp') return;
                      if (r.kind === 'video') row.framesDecoded += r.framesDecoded ?? 0;
                      if (r.kind === 'audio') row.audioPackets += r.packetsReceived ?? 0;
                    });
                    rows.push(row);
                  }
                  return rows;
                }""");
        return rows.stream()
                .map(r -> new InboundMedia(((Number) r.get("framesDecoded")).longValue(),
                        ((Number) r.get("audioPackets")).longValue(), (String) r.get("state")))
                .toList();
    }

    /**
     * Proves media really arrives from each of {@code others}: every peer connection's inbound video
     * {@code framesDecoded} grows between two reads and its audio {@code packetsReceived} is positive, and each named
     * tile's {@code <video>} shows a frame.
     */
    void expectMediaFrom(List<String> others) {
        long deadline = System.nanoTime() + (long) (SETUP_TIMEOUT_MS * 1e6);
        List<InboundMedia> first = inboundMedia();
        while (!(first.size() == others.size()
                && first.stream().allMatch(m -> m.framesDecoded() > 0 && m.audioPackets() > 0))) {
            failAfter(deadline, "media from " + others + " at " + name + ": " + first);
            page.waitForTimeout(100);
            first = inboundMedia();
        }
        List<InboundMedia> now = inboundMedia();
        while (!grew(first, now)) {
            failAfter(deadline, "video frames decoded growing at " + name + ": " + first + " then " + now);
            page.waitForTimeout(100);
            now = inboundMedia();
        }
        for (String other : others) {
            expectVideoShown(tile(other), deadline);
        }
    }

    /** Waits until the tile's {@code <video>} has a decoded frame with a size. */
    void expectVideoShown(Locator tile, long deadlineNanos) {
        VideoProgress progress = videoProgress(tile);
        while (progress.width() == 0) {
            failAfter(deadlineNanos, "video shown in " + tile + " at " + name + ": " + progress);
            page.waitForTimeout(100);
            progress = videoProgress(tile);
        }
    }

    /**
     * Waits until the tile's {@code <video>} has a size and the inbound video of its track (matched by
     * {@code trackIdentifier} in {@code getStats()}) decodes new frames.
     */
    void expectVideoPlaying(Locator tile, long deadlineNanos) {
        long before = tileFramesDecoded(tile);
        VideoProgress progress = videoProgress(tile);
        long after = before;
        while (!(progress.width() > 0 && before >= 0 && after > before)) {
            failAfter(deadlineNanos, "video decoding in " + tile + " at " + name + ": " + progress + ", frames decoded "
                    + before + " then " + after);
            page.waitForTimeout(100);
            if (before < 0) {
                before = tileFramesDecoded(tile);
            }
            after = tileFramesDecoded(tile);
            progress = videoProgress(tile);
        }
    }

    /**
     * {@code framesDecoded} of the inbound video shown in {@code tile} (on a mesh connection or the SFU connection), or
     * -1 while there is none.
     */
    long tileFramesDecoded(Locator tile) {
        String trackId = (String) tile.locator("video").evaluate(
                "(v) => v.srcObject?.getVideoTracks()[0]?.id ?? null");
        if (trackId == null) {
            return -1;
        }
        Number frames = (Number) page.evaluate("""
                async (trackId) => {
                  const pcs = [...window.parley.peerConnections(), window.parley.sfuConnection()].filter(Boolean);
                  for (const pc of pcs) {
                    let found = null;
                    (await pc.getStats()).forEach((r) => {
                      if (r.type === 'inbound-rtp' && r.kind === 'video' && r.trackIdentifier === trackId) {
                        found = r.framesDecoded ?? 0;
                      }
                    });
                    if (found !== null) return found;
                  }
                  return -1;
                }""", trackId);
        return frames.longValue();
    }

    /**
     * Proves media of each of {@code others} arrive through the server: the audio and video tracks their tile plays
     * are receivers of the SFU connection, whose {@code getStats()} shows the video's {@code framesDecoded} and the
     * audio's {@code packetsReceived} growing between two reads, and the tile's {@code <video>} shows a frame.
     */
    void expectMediaThroughServerFrom(List<String> others) {
        long deadline = System.nanoTime() + (long) (SETUP_TIMEOUT_MS * 1e6);
        Map<String, long[]> first = serverMediaOf(others);
        while (!first.values().stream().allMatch(c -> c[0] > 0 && c[1] > 0)) {
            failAfter(deadline, "media through the server from " + others + " at " + name + ": " + describe(first)
                    + "; SFU connection " + sfuConnectionState());
            page.waitForTimeout(250);
            first = serverMediaOf(others);
        }
        Map<String, long[]> now = serverMediaOf(others);
        while (!grewPerParticipant(first, now)) {
            failAfter(deadline, "frames decoded and audio packets growing through the server at " + name + ": "
                    + describe(first) + " then " + describe(now));
            page.waitForTimeout(250);
            now = serverMediaOf(others);
        }
        for (String other : others) {
            expectVideoShown(tile(other), deadline);
        }
    }

    /**
     * For each participant, [video framesDecoded, audio packetsReceived] on the SFU connection for the tracks their
     * tile plays; -1 where the tile plays no such track or it does not come from the SFU connection.
     */
    Map<String, long[]> serverMediaOf(List<String> others) {
        @SuppressWarnings("unchecked")
        List<List<Number>> counts = (List<List<Number>>) page.evaluate("""
                async (names) => {
                  const pc = window.parley.sfuConnection();
                  const received = new Set(pc ? pc.getReceivers().map((r) => r.track.id) : []);
                  const stats = pc ? await pc.getStats() : new Map();
                  const tiles = [...document.querySelectorAll('.tile[data-participant-id]:not([data-self])')];
                  return names.map((name) => {
                    const video = tiles.find((t) => t.getAttribute('aria-label') === name)?.querySelector('video');
                    const videoId = video?.srcObject?.getVideoTracks()[0]?.id;
                    const audioId = video?.srcObject?.getAudioTracks()[0]?.id;
                    let frames = received.has(videoId) ? 0 : -1;
                    let packets = received.has(audioId) ? 0 : -1;
                    stats.forEach((r) => {
                      if (r.type !== 'inbound-rtp') return;
                      if (frames >= 0 && r.kind === 'video' && r.trackIdentifier === videoId) frames = r.framesDecoded ?? 0;
                      if (packets >= 0 && r.kind === 'audio' && r.trackIdentifier === audioId) packets = r.packetsReceived ?? 0;
                    });
                    return [frames, packets];
                  });
                }""", others);
        Map<String, long[]> result = new LinkedHashMap<>();
        for (int i = 0; i < others.size(); i++) {
            result.put(others.get(i), new long[] {counts.get(i).get(0).longValue(), counts.get(i).get(1).longValue()});
        }
        return result;
    }

    /** framesDecoded, totalFreezesDuration (s) and frameWidth of {@code name}'s video on the SFU connection. */
    @SuppressWarnings("unchecked")
    Map<String, Number> videoQuality(String name) {
        return (Map<String, Number>) page.evaluate("""
                async (name) => {
                  const pc = window.parley.sfuConnection();
                  const tile = [...document.querySelectorAll('.tile[data-participant-id]:not([data-self])')]
                      .find((t) => t.getAttribute('aria-label') === name);
                  const id = tile?.querySelector('video')?.srcObject?.getVideoTracks()[0]?.id;
                  const out = { frames: 0, frozen: 0, width: 0 };
                  if (!pc || !id) return out;
                  (await pc.getStats()).forEach((r) => {
                    if (r.type === 'inbound-rtp' && r.kind === 'video' && r.trackIdentifier === id) {
                      out.frames = r.framesDecoded ?? 0;
                      out.frozen = r.totalFreezesDuration ?? 0;
                      out.width = r.frameWidth ?? 0;
                    }
                  });
                  return out;
                }""", name);
    }

    /** {@code connectionState} of the SFU connection, or "none". */
    String sfuConnectionState() {
        return (String) page.evaluate("() => window.parley.sfuConnection()?.connectionState ?? 'none'");
    }

    /** What each mesh connection sends: senders with a track, and outbound RTP bytes so far. */
    List<MeshOutbound> meshOutbound() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const rows = [];
                  for (const pc of window.parley.peerConnections()) {
                    const row = { senders: pc.getSenders().filter((s) => s.track).length, bytes: 0,
                                  state: pc.connectionState, sctp: pc.sctp?.state ?? 'none' };
                    (await pc.getStats()).forEach((r) => {
                      if (r.type === 'outbound-rtp') row.bytes += r.bytesSent ?? 0;
                    });
                    rows.push(row);
                  }
                  return rows;
                }""");
        return rows.stream()
                .map(r -> new MeshOutbound(((Number) r.get("senders")).intValue(), ((Number) r.get("bytes")).longValue(),
                        (String) r.get("state"), (String) r.get("sctp")))
                .toList();
    }

    private static String describe(Map<String, long[]> media) {
        StringBuilder b = new StringBuilder();
        media.forEach((who, c) -> b.append(who).append("=[frames ").append(c[0]).append(", audio packets ")
                .append(c[1]).append("] "));
        return b.toString().trim();
    }

    private static boolean grewPerParticipant(Map<String, long[]> first, Map<String, long[]> now) {
        for (Map.Entry<String, long[]> e : first.entrySet()) {
            long[] later = now.get(e.getKey());
            if (later == null || later[0] <= e.getValue()[0] || later[1] <= e.getValue()[1]) {
                return false;
            }
        }
        return true;
    }

    private static boolean grew(List<InboundMedia> first, List<InboundMedia> now) {
        if (now.size() != first.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (now.get(i).framesDecoded() <= first.get(i).framesDecoded()) {
                return false;
            }
        }
        return true;
    }

    private static void failAfter(long deadlineNanos, String what) {
        if (System.nanoTime() > deadlineNanos) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    /** Frames presented so far by the {@code <video>} of a tile (HTMLVideoElement.getVideoPlaybackQuality()). */
    static VideoProgress videoProgress(Locator tile) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) tile.locator("video").evaluate("""
                (v) => ({ width: v.videoWidth, height: v.videoHeight,
                          frames: v.getVideoPlaybackQuality().totalVideoFrames, time: v.currentTime })""");
        return new VideoProgress(((Number) m.get("width")).intValue(), ((Number) m.get("height")).intValue(),
                ((Number) m.get("frames")).longValue(), ((Number) m.get("time")).doubleValue());
    }

    @Override
    public void close() {
        context.close();
    }

    /** What one peer connection received. */
    record InboundMedia(long framesDecoded, long audioPackets, String state) {
    }

    /** What one mesh connection sends; {@code sctp} is the state of its data channels' transport. */
    record MeshOutbound(int sendersWithTracks, long rtpBytesSent, String state, String sctp) {
    }

    /** What one {@code <video>} element shows. */
    record VideoProgress(int width, int height, long frames, double time) {
    }
}
