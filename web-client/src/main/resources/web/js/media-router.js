// @ts-check
/**
 * Which way the call's media travel, and the one stream per participant and kind (camera with
 * microphone, screen) that the tiles show, whichever way it came (docs/web-client.md, "Topology").
 *
 * A room starts peer to peer: the mesh (`Call`) carries media and data. When the server moves the
 * room to its SFU (`topology: "sfu"` in `joined` or as its own message), an `SfuCall` connects to
 * the server and the mesh is kept for file transfer only:
 * - participants joining an SFU room create data-only mesh connections from the start;
 * - those already in the call keep the mesh media until the server carries them: a tile switches
 *   to the server's stream of a participant once it delivers at least what the mesh delivers
 *   (decoded video frames, or audio when there is no video), and we then ask that participant to
 *   stop sending us media on the mesh (each side decides for what it receives, so neither goes
 *   dark while the other's server connection comes up). `MESH_STOP_FALLBACK_MS` after our SFU
 *   connection is up we stop receiving mesh media from everyone anyway (a muted participant sends
 *   silence on the mesh but nothing to the server, so the server's stream never "delivers" more).
 * So a tile never goes dark while the switch happens, and no sound plays twice: a tile plays
 * one stream.
 *
 * If the server refuses an SFU connection (`sfu-unavailable`), the mesh carries media again and
 * the SFU is asked again after `SFU_RETRY_MS`.
 *
 * Events: `track` {id, kind, stream} whenever the stream shown for a participant and kind is set
 * or changes its tracks; `stream-ended` {id, kind, stream} when there is none left; `topology`
 * ('p2p'|'sfu').
 */
import { Emitter } from './emitter.js';

const MESH_STOP_FALLBACK_MS = 10000;
const SFU_RETRY_MS = 10000;
/** How often to look whether a server video track decodes frames yet (its tile waits for that). */
const DECODE_POLL_MS = 200;

/**
 * @typedef {'camera'|'screen'} Kind
 * @typedef {'p2p'|'sfu'} Topology
 * @typedef {{id: string, pc: RTCPeerConnection, trackIds: Set<string> | null, connected: boolean}} StatsTarget
 */

/**
 * A remote track is muted until its first packets arrive (and while none arrive).
 * @param {MediaStreamTrack} track
 */
function flowing(track) {
  return track.readyState === 'live' && !track.muted;
}

/**
 * @param {string} id
 * @param {Kind} kind
 */
function keyOf(id, kind) {
  return `${kind}:${id}`;
}

export class MediaRouter extends Emitter {
  /**
   * @param {object} options
   * @param {import('./media.js').LocalMedia} options.media
   * @param {import('./call.js').Call} options.call the mesh
   * @param {import('./sfu-call.js').SfuCall} options.sfu
   */
  constructor({ media, call, sfu }) {
    super();
    this.media = media;
    this.call = call;
    this.sfu = sfu;
    /** @type {Topology} */
    this.topology = 'p2p';
    /** @type {Map<string, MediaStream>} streams from the mesh by key */
    this.mesh = new Map();
    /** @type {Map<string, MediaStream>} streams from the SFU by key */
    this.server = new Map();
    /** @type {Map<string, MediaStream>} what the tiles show by key */
    this.shown = new Map();
    /** @type {WeakSet<object>} streams and tracks with our listeners */
    this.watched = new WeakSet();
    this.fallbackTimer = 0;
    this.retryTimer = 0;
    /**
     * Server video tracks and whether they decode in the stream they are in now (a section's
     * track is reused for another participant's media, so "decodes" is per stream).
     * @type {WeakMap<MediaStreamTrack, {stream: MediaStream, baseline: number | null, decoding: boolean}>}
     */
    this.decoding = new WeakMap();
    /** @type {Set<MediaStreamTrack>} server video tracks whose first frames we wait for */
    this.awaitingFrames = new Set();
    this.pollTimer = 0;
    this.bind();
  }

  /**
   * A fresh session (first join, or a fresh join after a failed resume).
   * @param {import('./protocol.js').JoinedMessage} joined
   */
  start(joined) {
    this.reset();
    this.topology = joined.topology === 'sfu' ? 'sfu' : 'p2p';
    this.call.setSendMedia(this.topology === 'p2p');
    this.call.start(joined);
    if (this.topology === 'sfu') this.sfu.start(this.call.iceServers);
    this.syncLocalTracks();
    this.emit('topology', this.topology);
  }

  /**
   * The server announced the room's topology (`topology` message, or `joined` after a resume).
   * Rooms only ever move from the mesh to the SFU.
   * @param {string} topology
   */
  setTopology(topology) {
    if (topology !== 'sfu' || this.topology === 'sfu') return;
    this.topology = 'sfu';
    this.call.setSendMedia(false);
    this.syncLocalTracks();
    this.sfu.start(this.call.iceServers);
    this.emit('topology', this.topology);
  }

  /** Our signaling socket came back with the same session. */
  recover() {
    this.call.recoverAll();
    if (this.topology === 'sfu' && !this.retryTimer) this.sfu.recover();
  }

  /**
   * An error from the server about our SFU messages.
   * @param {string} code
   */
  handleError(code) {
    if (this.topology !== 'sfu') return;
    if (code === 'sfu-unavailable') {
      // No room for us on the server: the mesh carries the media until a later attempt works.
      this.sfu.close();
      this.call.setSendMedia(true);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = 0;
        if (this.topology !== 'sfu') return;
        this.call.setSendMedia(false);
        this.sfu.start(this.call.iceServers);
      }, SFU_RETRY_MS);
    } else {
      this.sfu.handleError(code);
    }
  }

  /** @param {string} id a participant who left: forget their streams (the tiles go with them) */
  participantLeft(id) {
    for (const kind of /** @type {Kind[]} */ (['camera', 'screen'])) {
      const key = keyOf(id, kind);
      this.mesh.delete(key);
      this.server.delete(key);
      this.shown.delete(key);
    }
  }

  /** Puts the current microphone (none while muted), camera and screen on the SFU slots. */
  syncLocalTracks() {
    this.sfu.setTrack('audio', this.media.audioMuted ? null : this.media.audioTrack);
    this.sfu.setTrack('camera', this.media.videoTrack);
    this.sfu.setTrack('screen', this.call.screenStream?.getVideoTracks()[0] ?? null);
  }

  /**
   * Receivers of each participant's audio, from whichever connection the tile plays.
   * @returns {Map<string, RTCRtpReceiver[]>}
   */
  audioReceivers() {
    /** @type {Map<string, RTCRtpReceiver[]>} */
    const result = new Map();
    for (const id of this.participantIds()) {
      if (this.fromServer(id)) {
        result.set(id, this.sfu.receiversOf(id).filter((r) => r.source === 'audio').map((r) => r.receiver));
      } else {
        const peer = this.call.peer(id);
        if (peer) result.set(id, peer.pc.getReceivers().filter((r) => r.track.kind === 'audio'));
      }
    }
    return result;
  }

  /**
   * Where to read each participant's statistics: their mesh connection, or the SFU connection
   * restricted to their tracks.
   * @returns {StatsTarget[]}
   */
  statsTargets() {
    /** @type {StatsTarget[]} */
    const targets = [];
    for (const id of this.participantIds()) {
      if (this.fromServer(id) && this.sfu.pc) {
        const trackIds = new Set(this.sfu.receiversOf(id).map((r) => r.receiver.track.id));
        targets.push({ id, pc: this.sfu.pc, trackIds, connected: this.sfu.connected });
      } else {
        const peer = this.call.peer(id);
        if (peer) targets.push({ id, pc: peer.pc, trackIds: null, connected: peer.connectionState === 'connected' });
      }
    }
    return targets;
  }

  /** @returns {RTCPeerConnection | null} the connection to the SFU, if any */
  sfuConnection() {
    return this.sfu.pc;
  }

  /** Ends the session's media routing (the mesh is closed by its owner). */
  close() {
    this.reset();
  }

  // ---- internals -------------------------------------------------------------------------

  reset() {
    clearTimeout(this.fallbackTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.pollTimer);
    this.fallbackTimer = 0;
    this.retryTimer = 0;
    this.pollTimer = 0;
    this.awaitingFrames.clear();
    this.sfu.close();
    this.topology = 'p2p';
    this.mesh.clear();
    this.server.clear();
    this.shown.clear();
  }

  bind() {
    this.call.on('track', ({ id, kind, stream }) => {
      this.mesh.set(keyOf(id, kind), stream);
      this.watch(stream, id, kind);
      this.update(id, kind);
    });
    this.call.on('stream-ended', ({ id, kind, stream }) => {
      const key = keyOf(id, kind);
      if (this.mesh.get(key) === stream) this.mesh.delete(key);
      this.update(id, kind);
    });
    this.call.on('connectionstate', ({ id, state }) => {
      if (state !== 'closed') return;
      for (const kind of /** @type {Kind[]} */ (['camera', 'screen'])) {
        if (this.mesh.delete(keyOf(id, kind))) this.update(id, kind);
      }
    });
    this.call.on('screen', () => this.syncLocalTracks());
    this.media.on('track', () => this.syncLocalTracks());
    this.sfu.on('track', ({ id, kind, stream }) => {
      this.server.set(keyOf(id, kind), stream);
      this.watch(stream, id, kind);
      this.update(id, kind);
    });
    this.sfu.on('stream-ended', ({ id, kind, stream }) => {
      const key = keyOf(id, kind);
      if (this.server.get(key) === stream) this.server.delete(key);
      this.update(id, kind);
    });
    this.sfu.on('connectionstate', ({ state }) => {
      if (state !== 'connected' || this.topology !== 'sfu') return;
      for (const id of this.call.peers.keys()) this.maybeStopMesh(id);
      clearTimeout(this.fallbackTimer);
      this.fallbackTimer = setTimeout(() => {
        this.fallbackTimer = 0;
        if (this.topology !== 'sfu' || !this.sfu.connected) return;
        for (const id of this.call.peers.keys()) this.call.stopReceiving(id);
      }, MESH_STOP_FALLBACK_MS);
    });
  }

  /**
   * Follows the tracks of a stream: their arrival, first packets (unmute) and end change which
   * stream is best.
   * @param {MediaStream} stream
   * @param {string} id
   * @param {Kind} kind
   */
  watch(stream, id, kind) {
    const changed = () => this.update(id, kind);
    if (!this.watched.has(stream)) {
      this.watched.add(stream);
      stream.addEventListener('addtrack', (e) => {
        this.watchTrack(e.track, changed);
        changed();
      });
      stream.addEventListener('removetrack', changed);
    }
    for (const track of stream.getTracks()) this.watchTrack(track, changed);
  }

  /**
   * @param {MediaStreamTrack} track
   * @param {() => void} changed
   */
  watchTrack(track, changed) {
    if (this.watched.has(track)) return;
    this.watched.add(track);
    const onChange = () => {
      changed();
      this.updateHolders(track);
    };
    track.addEventListener('unmute', onChange);
    track.addEventListener('mute', onChange);
    track.addEventListener('ended', onChange);
  }

  /**
   * Updates every participant and kind whose stream holds `track` now: the same receiving track
   * may carry someone else's media later (the SFU reuses sections).
   * @param {MediaStreamTrack} track
   */
  updateHolders(track) {
    for (const [key, stream] of [...this.server, ...this.mesh]) {
      if (stream.getTracks().includes(track)) {
        const [kind, ...rest] = key.split(':');
        this.update(rest.join(':'), /** @type {Kind} */ (kind));
      }
    }
  }

  /**
   * How much of a stream arrives: 2 video, 1 audio only, 0 nothing yet, -1 no stream. Video from
   * the server counts once it decodes (a keyframe came), so its tile never shows a blank picture.
   * @param {MediaStream | undefined} stream
   * @param {boolean} fromServer
   */
  delivery(stream, fromServer) {
    if (!stream) return -1;
    const video = stream.getVideoTracks().filter(flowing);
    if (fromServer ? video.some((t) => this.decodes(t, stream)) : video.length > 0) return 2;
    if (stream.getAudioTracks().some(flowing)) return 1;
    return 0;
  }

  /**
   * Whether a server video track decodes frames in `stream`; starts watching it if not known.
   * @param {MediaStreamTrack} track
   * @param {MediaStream} stream
   */
  decodes(track, stream) {
    const state = this.decoding.get(track);
    if (state?.stream === stream && state.decoding) return true;
    if (state?.stream !== stream) {
      // A track new to us decodes from frame 0; a reused one must decode more than it had.
      this.decoding.set(track, { stream, baseline: state ? null : 0, decoding: false });
    }
    this.awaitingFrames.add(track);
    if (!this.pollTimer) this.pollTimer = setTimeout(() => this.pollDecoding(), DECODE_POLL_MS);
    return false;
  }

  async pollDecoding() {
    const pc = this.sfu.pc;
    for (const track of [...this.awaitingFrames]) {
      const state = this.decoding.get(track);
      const receiver = pc?.getReceivers().find((r) => r.track === track);
      if (!state || !receiver) {
        this.awaitingFrames.delete(track);
        continue;
      }
      let frames = 0;
      try {
        (await receiver.getStats()).forEach((r) => {
          if (r.type === 'inbound-rtp') frames = r.framesDecoded ?? 0;
        });
      } catch {
        continue; // closed meanwhile
      }
      if (state.baseline === null) {
        state.baseline = frames;
      } else if (frames > state.baseline) {
        state.decoding = true;
        this.awaitingFrames.delete(track);
        this.updateHolders(track);
      }
    }
    this.pollTimer = this.awaitingFrames.size > 0 ? setTimeout(() => this.pollDecoding(), DECODE_POLL_MS) : 0;
  }

  /**
   * Chooses the stream to show for a participant and kind and tells the tiles.
   * @param {string} id
   * @param {Kind} kind
   */
  update(id, kind) {
    const key = keyOf(id, kind);
    const fromServer = this.server.get(key);
    const fromMesh = this.mesh.get(key);
    let next = fromMesh ?? null;
    if (this.topology === 'sfu' && fromServer
      && this.delivery(fromServer, true) >= this.delivery(fromMesh, false)) next = fromServer;
    const previous = this.shown.get(key);
    if (next) {
      this.shown.set(key, next);
      this.emit('track', { id, kind, stream: next });
    } else if (previous) {
      this.shown.delete(key);
      this.emit('stream-ended', { id, kind, stream: previous });
    }
    if (kind === 'camera' && next && next === fromServer) this.maybeStopMesh(id);
  }

  /**
   * Stops receiving `id`'s media on the mesh once theirs reach our tile through the server.
   * @param {string} id
   */
  maybeStopMesh(id) {
    if (this.topology !== 'sfu' || !this.sfu.connected) return;
    if (!this.call.peer(id)?.receiving) return;
    if (this.fromServer(id)) this.call.stopReceiving(id);
  }

  /** @param {string} id whether the tile of `id` plays the SFU's stream */
  fromServer(id) {
    const key = keyOf(id, 'camera');
    const shown = this.shown.get(key);
    return shown !== undefined && shown === this.server.get(key);
  }

  /** @returns {Set<string>} */
  participantIds() {
    return new Set([...this.call.peers.keys(), ...this.sfu.participants()]);
  }
}
