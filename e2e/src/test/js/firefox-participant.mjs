// One participant in Firefox, driven through the UI like Person.java drives Chromium: opens the lobby of a room,
// types the name into "Your name", clicks "Join", waits until every remote tile's video decodes and plays and audio
// packets arrive, and stays in the call until its standard input closes (or --max-seconds pass), then clicks "Leave".
// Firefox keeps its default autoplay policy, so a remote <video> that would stay paused for a person fails here too.
//
// Usage: node firefox-participant.mjs <room URL> <name> [--max-seconds N]
//
// Firefox is Debian's firefox-esr (or $PARLEY_FIREFOX), driven by puppeteer-core over WebDriver BiDi. Progress goes
// to standard output as one JSON object per line, each with an "event" and "t" (ms since the script started):
//   {"event":"launched","browser":"firefox/153.7.0","ms":2480}
//   {"event":"joined","ms":310}                          click on "Join" until "Leave" is shown
//   {"event":"media","remotes":[{"name":"Ada","framesDecoded":[12,19],"audioPackets":60,"width":640,
//    "paused":false,...}],"joinToFirstFrameMs":420}       proof of media from every remote participant
//   {"event":"left","reason":"input closed"}            then {"event":"closed"} once Firefox has exited
//   {"event":"error","message":"..."}                    then exit status 1
// Page console messages and errors go to standard error; on an error the page is saved as a PNG to
// $PARLEY_E2E_SCREENSHOT when that is set.

import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

/** Same allowance as Person.SETUP_TIMEOUT_MS: waits that are not what a test asserts, on a busy two-core machine. */
const SETUP_MS = 25_000;
const POLL_MS = 100;

/** Without these Firefox prompts for devices, has no fake camera, and gathers no candidates on loopback only. */
const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Fake devices do not count as capturing; without this Firefox looks for a default route to gather candidates.
  'media.navigator.permission.fake': true,
  'media.peerconnection.ice.loopback': true,
};

const started = Date.now();

/** Writes one event line; "t" is milliseconds since the script started. */
function say(event) {
  process.stdout.write(`${JSON.stringify({ ...event, t: Date.now() - started })}\n`);
}

function parseArgs(argv) {
  const positional = [];
  let maxSeconds = 300;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max-seconds') maxSeconds = Number(argv[++i]);
    else positional.push(argv[i]);
  }
  if (positional.length !== 2 || !(maxSeconds > 0)) {
    throw new Error('usage: node firefox-participant.mjs <room URL> <name> [--max-seconds N]');
  }
  return { roomUrl: positional[0], name: positional[1], maxSeconds };
}

function firefoxBinary() {
  const candidates = [process.env.PARLEY_FIREFOX, '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr',
    '/usr/bin/firefox'].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`Firefox not found (looked at ${candidates.join(', ')}); install Debian's firefox-esr `
      + 'package or set PARLEY_FIREFOX');
  }
  return found;
}

/** Polls {@code read} until it returns a truthy value; fails with {@code what} and the last value after the deadline. */
async function until(what, read, timeoutMs = SETUP_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await read();
    if (last && last.done !== false) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * In the page: the time from the click on "Join" to the first frame shown in a remote tile, in
 * performance.now() milliseconds (a capturing click listener and requestVideoFrameCallback, as JoinTimingIT).
 */
function watchFirstFrame() {
  let clickedAt = null;
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Join');
  button.addEventListener('click', () => { clickedAt = performance.now(); }, { capture: true, once: true });
  window.__parleyFirstFrameMs = null;
  const watch = () => {
    for (const video of document.querySelectorAll('.tile[data-participant-id]:not([data-self]) video')) {
      if (video.dataset.timed) continue;
      video.dataset.timed = 'yes';
      video.requestVideoFrameCallback(() => {
        if (window.__parleyFirstFrameMs === null && clickedAt !== null) {
          window.__parleyFirstFrameMs = performance.now() - clickedAt;
        }
      });
    }
  };
  new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
}

/**
 * In the page: per remote tile, its name (the tile's accessible name), what its <video> shows, and the inbound
 * counters of its participant's peer connection from getStats(). Tiles and connections are paired through the
 * video track: the tile's track is a receiver track of exactly one connection.
 */
async function remoteMedia() {
  const rows = [];
  const tiles = document.querySelectorAll('.tile[data-participant-id]:not([data-self])');
  for (const tile of tiles) {
    const video = tile.querySelector('video');
    const trackId = video?.srcObject?.getVideoTracks()[0]?.id ?? null;
    const row = {
      name: tile.getAttribute('aria-label'),
      width: video?.videoWidth ?? 0,
      height: video?.videoHeight ?? 0,
      paused: video?.paused ?? true,
      currentTime: video?.currentTime ?? 0,
      framesDecoded: 0,
      audioPackets: 0,
      connectionState: null,
    };
    for (const pc of window.parley.peerConnections()) {
      if (!pc.getReceivers().some((r) => r.track && r.track.id === trackId)) continue;
      row.connectionState = pc.connectionState;
      (await pc.getStats()).forEach((r) => {
        if (r.type !== 'inbound-rtp') return;
        if (r.kind === 'video') row.framesDecoded += r.framesDecoded ?? 0;
        if (r.kind === 'audio') row.audioPackets += r.packetsReceived ?? 0;
      });
    }
    rows.push(row);
  }
  return { rows, connections: window.parley.peerConnections().length, firstFrameMs: window.__parleyFirstFrameMs };
}

/** The element named {@code name} by its accessible name and role, as a person finds it. */
function byRole(page, role, name) {
  return page.locator(`::-p-aria([name="${name}"][role="${role}"])`).setTimeout(SETUP_MS);
}

async function main() {
  const { roomUrl, name, maxSeconds } = parseArgs(process.argv.slice(2));
  const executablePath = firefoxBinary();

  let stop;
  const stopped = new Promise((resolve) => { stop = resolve; });
  process.stdin.on('end', () => stop('input closed'));
  process.stdin.on('close', () => stop('input closed'));
  process.stdin.resume();
  const limit = setTimeout(() => stop(`time limit of ${maxSeconds} s`), maxSeconds * 1000);

  const launchStart = Date.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
    // Launching takes ~2.5 s on an idle machine and over 30 s on two cores at a load of 25.
    timeout: 90_000,
    protocolTimeout: 2 * SETUP_MS,
  });
  let page = null;
  try {
    say({ event: 'launched', browser: await browser.version(), ms: Date.now() - launchStart });
    page = await browser.newPage();
    page.setDefaultTimeout(SETUP_MS);
    page.on('console', (message) => process.stderr.write(`[firefox console] ${message.type()}: ${message.text()}\n`));
    page.on('pageerror', (error) => process.stderr.write(`[firefox page error] ${error}\n`));

    await page.goto(roomUrl, { waitUntil: 'domcontentloaded', timeout: 2 * SETUP_MS });
    const nameInput = byRole(page, 'textbox', 'Your name');
    await nameInput.wait();
    await page.evaluate(watchFirstFrame);
    await nameInput.fill(name);
    const clickedAt = Date.now();
    await byRole(page, 'button', 'Join').click();
    await byRole(page, 'button', 'Leave').wait();
    say({ event: 'joined', ms: Date.now() - clickedAt });

    // Every remote tile's video decodes and shows a frame, and audio packets arrive on its connection ...
    const first = await until('video and audio from every remote participant', async () => {
      const media = await page.evaluate(remoteMedia);
      const ready = media.rows.length > 0 && media.rows.length === media.connections
        && media.rows.every((r) => r.framesDecoded > 0 && r.audioPackets > 0 && r.width > 0 && !r.paused);
      return { done: ready, ...media };
    });
    // ... and keeps decoding: a second read must show more frames decoded for each of them.
    const later = await until('video frames decoded growing', async () => {
      const media = await page.evaluate(remoteMedia);
      const grew = media.rows.length === first.rows.length && media.rows.every((r) => {
        const before = first.rows.find((f) => f.name === r.name);
        return before && r.framesDecoded > before.framesDecoded;
      });
      return { done: grew, ...media };
    });
    say({
      event: 'media',
      remotes: later.rows.map((r) => ({
        ...r,
        framesDecoded: [first.rows.find((f) => f.name === r.name).framesDecoded, r.framesDecoded],
      })),
      joinToFirstFrameMs: later.firstFrameMs === null ? null : Math.round(later.firstFrameMs),
    });

    const reason = await stopped;
    clearTimeout(limit);
    await byRole(page, 'button', 'Leave').setTimeout(10_000).click();
    say({ event: 'left', reason });
  } catch (error) {
    const screenshot = process.env.PARLEY_E2E_SCREENSHOT;
    if (page && screenshot) {
      await page.screenshot({ path: screenshot }).catch((e) => process.stderr.write(`no screenshot: ${e}\n`));
    }
    throw error;
  } finally {
    await browser.close();
    say({ event: 'closed' });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    say({ event: 'error', message: error?.message ?? String(error) });
    process.exit(1);
  },
);
