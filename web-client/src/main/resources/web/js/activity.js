// @ts-check
/**
 * Polls the call for who is speaking (audio levels) and how good each connection is (stats).
 *
 * Events: `speaker` (participant id or null); `stats` {id, connection, videos, quality}.
 */
import { Emitter } from './emitter.js';
import { connectionStats, rateQuality, videoStats } from './stats.js';

/** Levels are compared on the meter's scale: 0 = -60 dBFS, 1 = 0 dBFS. -36 dBFS is speech. */
const SPEAKING_LEVEL = 0.4;
/** Keep the highlight this long after someone stops, so it does not flicker between words. */
const HOLD_MS = 1200;
const LEVEL_INTERVAL_MS = 200;
const STATS_INTERVAL_MS = 1000;

/**
 * RTP audio levels (RFC 6464) are linear amplitude in [0, 1]; convert to the meter's dB scale.
 * @param {number} amplitude
 */
function toMeterScale(amplitude) {
  if (amplitude <= 0) return 0;
  return Math.min(1, Math.max(0, (20 * Math.log10(amplitude) + 60) / 60));
}

export class ActivityMonitor extends Emitter {
  /**
   * @param {object} options
   * @param {{audioReceivers: () => Map<string, RTCRtpReceiver[]>,
   *   statsTargets: () => import('./media-router.js').StatsTarget[]}} options.source where each
   *   participant's media arrive (mesh or SFU connection), see media-router.js
   * @param {() => number} options.selfLevel own microphone level on the meter scale
   * @param {() => string} options.selfId
   */
  constructor({ source, selfLevel, selfId }) {
    super();
    this.source = source;
    this.selfLevel = selfLevel;
    this.selfId = selfId;
    /** @type {string | null} */
    this.speaker = null;
    this.speakerSeenAt = 0;
    /** @type {Map<string, {connection: any, videos: Map<string, any>}>} */
    this.previous = new Map();
    this.levelTimer = 0;
    this.statsTimer = 0;
  }

  start() {
    this.stop();
    this.levelTimer = setInterval(() => this.pollLevels(), LEVEL_INTERVAL_MS);
    this.statsTimer = setInterval(() => this.pollStats(), STATS_INTERVAL_MS);
  }

  stop() {
    clearInterval(this.levelTimer);
    clearInterval(this.statsTimer);
    this.previous.clear();
  }

  pollLevels() {
    /** @type {Array<[string, number]>} */
    const levels = [[this.selfId(), this.selfLevel()]];
    for (const [id, receivers] of this.source.audioReceivers()) {
      let amplitude = 0;
      for (const receiver of receivers) {
        for (const source of receiver.getSynchronizationSources()) {
          amplitude = Math.max(amplitude, source.audioLevel ?? 0);
        }
      }
      levels.push([id, toMeterScale(amplitude)]);
    }
    let loudest = null;
    let loudestLevel = SPEAKING_LEVEL;
    for (const [id, level] of levels) {
      if (level > loudestLevel) {
        loudest = id;
        loudestLevel = level;
      }
    }
    const now = Date.now();
    if (loudest) this.speakerSeenAt = now;
    const next = loudest ?? (now - this.speakerSeenAt < HOLD_MS ? this.speaker : null);
    if (next !== this.speaker) {
      this.speaker = next;
      this.emit('speaker', next);
    }
  }

  async pollStats() {
    const targets = this.source.statsTargets();
    /** @type {Map<RTCPeerConnection, RTCStatsReport | null>} one getStats() per connection */
    const reports = new Map();
    for (const { id, pc, trackIds, connected } of targets) {
      if (!reports.has(pc)) {
        try {
          reports.set(pc, await pc.getStats());
        } catch {
          reports.set(pc, null); // closed meanwhile
        }
      }
      const full = reports.get(pc);
      if (!full) continue;
      const report = trackIds ? onlyTracks(full, trackIds) : full;
      const before = this.previous.get(id);
      const connection = connectionStats(report, before?.connection);
      const videos = videoStats(report, before?.videos);
      this.previous.set(id, { connection, videos });
      const quality = connected ? rateQuality(connection) : 'unknown';
      this.emit('stats', { id, connection, videos, quality });
    }
    const present = new Set(targets.map((t) => t.id));
    for (const id of this.previous.keys()) {
      if (!present.has(id)) this.previous.delete(id);
    }
  }
}

/**
 * A report of a connection shared by several participants (the SFU's), with only the inbound
 * streams of one participant's tracks.
 * @param {RTCStatsReport} report
 * @param {Set<string>} trackIds
 * @returns {RTCStatsReport}
 */
function onlyTracks(report, trackIds) {
  const entries = [...report.entries()].filter(([, s]) => s.type !== 'inbound-rtp' || trackIds.has(s.trackIdentifier));
  return /** @type {any} */ (new Map(entries));
}
