// @ts-check
/**
 * Pure functions that turn RTCStatsReports (W3C webrtc-stats) into what a person reads:
 * resolution, frame rate, bitrate, packet loss, round-trip time and candidate type.
 */

/**
 * @typedef {object} VideoStats
 * @property {number} [width]
 * @property {number} [height]
 * @property {number} [fps]
 * @property {number} [bitrate] bits per second over the last interval
 * @property {number} [lossPct] packets lost over the last interval, in percent
 * @property {number} bytes cumulative bytes received (for the next delta)
 * @property {number} packets cumulative packets received
 * @property {number} lost cumulative packets lost
 * @property {number} ts stats timestamp in ms
 *
 * @typedef {object} ConnectionStats
 * @property {number} [rttMs]
 * @property {string} [candidateType] e.g. "host", "srflx", "relay" (local/remote when they differ)
 * @property {number} [lossPct] inbound loss over the last interval, all streams
 * @property {number} packets cumulative inbound packets received
 * @property {number} lost cumulative inbound packets lost
 *
 * @typedef {'good'|'fair'|'poor'|'unknown'} Quality
 */

/**
 * @param {RTCStatsReport} report
 * @returns {any | null} the candidate pair in use
 */
export function selectedCandidatePair(report) {
  let fallback = null;
  for (const s of report.values()) {
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      const pair = report.get(s.selectedCandidatePairId);
      if (pair) return pair;
    }
    if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') fallback = s;
  }
  return fallback;
}

/**
 * @param {RTCStatsReport} report
 * @param {ConnectionStats | undefined} previous the result of the previous call, for deltas
 * @returns {ConnectionStats}
 */
export function connectionStats(report, previous) {
  /** @type {ConnectionStats} */
  const result = { packets: 0, lost: 0 };
  const pair = selectedCandidatePair(report);
  if (pair) {
    if (typeof pair.currentRoundTripTime === 'number') result.rttMs = pair.currentRoundTripTime * 1000;
    const local = report.get(pair.localCandidateId);
    const remote = report.get(pair.remoteCandidateId);
    if (local?.candidateType) {
      result.candidateType = remote?.candidateType && remote.candidateType !== local.candidateType
        ? `${local.candidateType}/${remote.candidateType}` : local.candidateType;
    }
  }
  for (const s of report.values()) {
    if (s.type !== 'inbound-rtp') continue;
    result.packets += s.packetsReceived ?? 0;
    result.lost += Math.max(0, s.packetsLost ?? 0);
    if (result.rttMs === undefined && s.kind === 'audio') {
      const remoteOut = report.get(s.remoteId);
      if (typeof remoteOut?.roundTripTime === 'number') result.rttMs = remoteOut.roundTripTime * 1000;
    }
  }
  if (previous) result.lossPct = lossPercent(result, previous);
  return result;
}

/**
 * Inbound video statistics per receiving track.
 * @param {RTCStatsReport} report
 * @param {Map<string, VideoStats> | undefined} previous keyed by track id
 * @returns {Map<string, VideoStats>} keyed by the receiving track's id (trackIdentifier)
 */
export function videoStats(report, previous) {
  /** @type {Map<string, VideoStats>} */
  const result = new Map();
  for (const s of report.values()) {
    if (s.type !== 'inbound-rtp' || s.kind !== 'video' || !s.trackIdentifier) continue;
    /** @type {VideoStats} */
    const v = {
      width: s.frameWidth,
      height: s.frameHeight,
      fps: s.framesPerSecond,
      bytes: s.bytesReceived ?? 0,
      packets: s.packetsReceived ?? 0,
      lost: Math.max(0, s.packetsLost ?? 0),
      ts: s.timestamp,
    };
    const before = previous?.get(s.trackIdentifier);
    if (before && v.ts > before.ts) {
      v.bitrate = ((v.bytes - before.bytes) * 8 * 1000) / (v.ts - before.ts);
      v.lossPct = lossPercent(v, before);
    }
    result.set(s.trackIdentifier, v);
  }
  return result;
}

/**
 * @param {{packets: number, lost: number}} now
 * @param {{packets: number, lost: number}} before
 * @returns {number | undefined}
 */
function lossPercent(now, before) {
  const received = now.packets - before.packets;
  const lost = now.lost - before.lost;
  if (received + lost <= 0) return undefined;
  return (100 * Math.max(0, lost)) / (received + lost);
}

/**
 * Rates a connection for the quality dot. Thresholds follow common practice for interactive
 * video: under 2 % loss and 300 ms RTT feels fine; over 8 % loss or 600 ms it does not.
 * @param {{lossPct?: number, rttMs?: number}} stats
 * @returns {Quality}
 */
export function rateQuality(stats) {
  const { lossPct, rttMs } = stats;
  if (lossPct === undefined && rttMs === undefined) return 'unknown';
  const loss = lossPct ?? 0;
  const rtt = rttMs ?? 0;
  if (loss < 2 && rtt < 300) return 'good';
  if (loss < 8 && rtt < 600) return 'fair';
  return 'poor';
}
