// @ts-check
/**
 * Media through the server (docs/protocol.md, "Media through the server (SFU)"): one
 * RTCPeerConnection to Parley's SFU that carries our microphone, camera and screen up and every
 * other participant's media down.
 *
 * The server is always the offerer: `sfu-connect` asks for a connection, each `sfu-offer` is
 * applied in arrival order (setRemoteDescription, the three slot transceivers set to `sendonly`
 * with the current local tracks, answer) and answered with `sfu-answer` of the offer's version.
 * Local changes (mute, camera off, screen share) are `replaceTrack` on the slots; they never
 * renegotiate. The offer's `tracks` list says whose media each receiving section carries; the
 * tracks are regrouped into one stream per participant and kind (microphone + camera, screen),
 * because the SDP's msid groups a participant's screen with their camera.
 *
 * No DOM; the peer connection, stream constructor and timers are injectable (node tests).
 *
 * Events: `track` {id, kind: 'camera'|'screen', stream} whenever a stream gains or loses a track
 * (the stream object stays the same for a participant and kind); `stream-ended` {id, kind, stream}
 * when its last track went; `connectionstate` {state} of the current peer connection; `failed`
 * {reason} when a connection attempt went wrong (a fresh one is requested after a backoff).
 */
import { Emitter } from './emitter.js';

/** A connection "disconnected" this long is given up and replaced; consent checks run every 5 s. */
const DISCONNECTED_RECONNECT_MS = 5000;
/** Reconnect delays after failures: 1 s doubling to 16 s, so a broken SFU is not hammered. */
const RECONNECT_INITIAL_MS = 1000;
const RECONNECT_MAX_MS = 16000;

/**
 * @typedef {'audio'|'camera'|'screen'} Source
 * @typedef {import('./protocol.js').SfuOfferMessage} SfuOffer
 * @typedef {{participant: string, source: Source}} Assignment
 * @typedef {{setTimeout: (fn: () => void, ms: number) => any, clearTimeout: (h: any) => void}} Timers
 */

/** @param {Source} source */
function kindOf(source) {
  return source === 'screen' ? 'screen' : 'camera';
}

export class SfuCall extends Emitter {
  /**
   * @param {object} options
   * @param {{sfuConnect: () => void, sfuAnswer: (version: number, sdp: string) => void}} options.client
   * @param {RTCIceTransportPolicy} [options.iceTransportPolicy] 'relay' reaches the SFU through TURN
   * @param {(config: RTCConfiguration) => RTCPeerConnection} [options.createPeerConnection]
   * @param {() => MediaStream} [options.createStream]
   * @param {Timers} [options.timers]
   */
  constructor({ client, iceTransportPolicy = 'all', createPeerConnection, createStream, timers }) {
    super();
    this.client = client;
    this.iceTransportPolicy = iceTransportPolicy;
    this.createPeerConnection = createPeerConnection ?? ((config) => new RTCPeerConnection(config));
    this.createStream = createStream ?? (() => new MediaStream());
    this.timers = timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h),
    };
    /** @type {RTCIceServer[]} */
    this.iceServers = [];
    /** @type {RTCPeerConnection | null} */
    this.pc = null;
    /** @type {Record<Source, MediaStreamTrack | null>} what we send in each slot */
    this.local = { audio: null, camera: null, screen: null };
    /** @type {Record<Source, string> | null} slot mids of the last applied offer */
    this.slots = null;
    /** @type {Map<string, Assignment>} receiving mid → whose media it carries now */
    this.assigned = new Map();
    /** @type {Map<string, MediaStream>} `${kind}:${participant}` → the stream shown for it */
    this.streams = new Map();
    /** @type {Promise<void>} offers are applied one at a time, in arrival order */
    this.chain = Promise.resolve();
    /** @type {number | null} version of the last offer answered on this connection */
    this.version = null;
    this.failures = 0;
    this.reconnectTimer = null;
    this.disconnectedTimer = null;
    this.active = false;
  }

  /**
   * Opens a connection to the SFU (closing any previous one).
   * @param {RTCIceServer[]} iceServers from `joined`, already filtered for the page's options
   */
  start(iceServers) {
    this.iceServers = iceServers;
    this.active = true;
    this.failures = 0;
    this.connect();
  }

  /** Asks for a fresh connection: new peer connection, `sfu-connect`. */
  connect() {
    this.clearTimers();
    this.dropConnection();
    if (!this.active) return;
    const pc = this.createPeerConnection({
      iceServers: this.iceServers,
      iceTransportPolicy: this.iceTransportPolicy,
      bundlePolicy: 'max-bundle', // the server bundles every section on one transport
      rtcpMuxPolicy: 'require',
    });
    this.pc = pc;
    this.version = null;
    pc.onconnectionstatechange = () => {
      if (this.pc === pc) this.onConnectionState(pc.connectionState);
    };
    this.client.sfuConnect();
    this.emit('connectionstate', { state: pc.connectionState });
  }

  /**
   * Applies an `sfu-offer` after the ones before it.
   * @param {SfuOffer} offer
   */
  handleOffer(offer) {
    const pc = this.pc;
    if (!pc) return;
    this.chain = this.chain.then(() => this.applyOffer(pc, offer)).catch((err) => {
      console.warn(`applying SFU offer ${offer.version} failed`, err);
      if (this.pc === pc) this.fail('offer');
    });
  }

  /**
   * The server refused our SFU messages (`bad-sdp`): start over with a fresh connection.
   * @param {string} code
   */
  handleError(code) {
    if (!this.active || !this.pc) return;
    if (code === 'bad-sdp') this.fail(code);
  }

  /**
   * Sends `track` in a slot (null: nothing, e.g. muted, camera off, not sharing).
   * @param {Source} source
   * @param {MediaStreamTrack | null} track
   */
  setTrack(source, track) {
    if (this.local[source] === track) return;
    this.local[source] = track;
    const transceiver = this.slotTransceiver(source);
    if (transceiver) {
      transceiver.sender.replaceTrack(track).catch((err) => console.warn(`replacing the ${source} track failed`, err));
    }
  }

  /** After our signaling socket came back: a connection that died meanwhile is replaced. */
  recover() {
    if (!this.active) return;
    const state = this.pc?.connectionState;
    if (!this.pc || state === 'failed' || state === 'closed') this.connect();
  }

  /** @returns {boolean} */
  get connected() {
    return this.pc?.connectionState === 'connected';
  }

  /**
   * The receivers carrying a participant's media, with their source.
   * @param {string} id
   * @returns {Array<{source: Source, receiver: RTCRtpReceiver}>}
   */
  receiversOf(id) {
    if (!this.pc) return [];
    const result = [];
    for (const t of this.pc.getTransceivers()) {
      const a = t.mid === null ? undefined : this.assigned.get(t.mid);
      if (a && a.participant === id) result.push({ source: a.source, receiver: t.receiver });
    }
    return result;
  }

  /** @returns {string[]} participants whose media the current connection receives */
  participants() {
    return [...new Set([...this.assigned.values()].map((a) => a.participant))];
  }

  /** Closes the connection and forgets every remote stream (the room was left). */
  close() {
    this.active = false;
    this.clearTimers();
    this.dropConnection();
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * @param {RTCPeerConnection} pc
   * @param {SfuOffer} offer
   */
  async applyOffer(pc, offer) {
    if (this.pc !== pc || typeof offer.sdp !== 'string') return;
    if (typeof offer.version !== 'number') return;
    if (this.version !== null && offer.version <= this.version) return; // a repeat or out of date
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    if (this.pc !== pc) return;
    this.slots = offer.slots ?? null;
    for (const source of /** @type {Source[]} */ (['audio', 'camera', 'screen'])) {
      const transceiver = this.slotTransceiver(source);
      if (!transceiver) continue;
      transceiver.direction = 'sendonly';
      if (transceiver.sender.track !== this.local[source]) {
        await transceiver.sender.replaceTrack(this.local[source]);
      }
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    if (this.pc !== pc) return;
    this.version = offer.version;
    this.client.sfuAnswer(offer.version, pc.localDescription?.sdp ?? answer.sdp ?? '');
    this.assign(pc, Array.isArray(offer.tracks) ? offer.tracks : []);
  }

  /**
   * Regroups the receiving sections after an offer: tracks that changed owner or stopped leave
   * their stream, new ones join the stream of their participant and kind.
   * @param {RTCPeerConnection} pc
   * @param {import('./protocol.js').SfuTrack[]} tracks
   */
  assign(pc, tracks) {
    /** @type {Map<string, Assignment>} */
    const next = new Map();
    for (const t of tracks) {
      if (t && typeof t.mid === 'string' && typeof t.participant === 'string'
        && (t.source === 'audio' || t.source === 'camera' || t.source === 'screen')) {
        next.set(t.mid, { participant: t.participant, source: t.source });
      }
    }
    /** @type {Map<string, MediaStreamTrack>} */
    const trackOf = new Map();
    for (const t of pc.getTransceivers()) {
      if (t.mid !== null) trackOf.set(t.mid, t.receiver.track);
    }
    /** @type {Set<string>} streams that changed */
    const touched = new Set();
    for (const [mid, had] of this.assigned) {
      const want = next.get(mid);
      if (want && want.participant === had.participant && want.source === had.source) continue;
      this.assigned.delete(mid);
      const key = `${kindOf(had.source)}:${had.participant}`;
      const track = trackOf.get(mid);
      const stream = this.streams.get(key);
      if (stream && track) stream.removeTrack(track);
      touched.add(key);
    }
    for (const [mid, want] of next) {
      if (this.assigned.has(mid)) continue;
      const track = trackOf.get(mid);
      if (!track) continue; // not in the SDP we applied; the server will offer it
      this.assigned.set(mid, want);
      const key = `${kindOf(want.source)}:${want.participant}`;
      let stream = this.streams.get(key);
      if (!stream) {
        stream = this.createStream();
        this.streams.set(key, stream);
      }
      stream.addTrack(track);
      touched.add(key);
    }
    for (const key of touched) this.announce(key);
  }

  /** @param {string} key */
  announce(key) {
    const stream = this.streams.get(key);
    if (!stream) return;
    const [kind, ...rest] = key.split(':');
    const id = rest.join(':');
    if (stream.getTracks().length === 0) {
      this.streams.delete(key);
      this.emit('stream-ended', { id, kind, stream });
    } else {
      this.emit('track', { id, kind, stream });
    }
  }

  /**
   * @param {Source} source
   * @returns {RTCRtpTransceiver | null}
   */
  slotTransceiver(source) {
    const mid = this.slots?.[source];
    if (!this.pc || mid === undefined || mid === null) return null;
    return this.pc.getTransceivers().find((t) => t.mid === mid) ?? null;
  }

  /** @param {RTCPeerConnectionState} state */
  onConnectionState(state) {
    this.emit('connectionstate', { state });
    this.timers.clearTimeout(this.disconnectedTimer);
    this.disconnectedTimer = null;
    if (state === 'connected') {
      this.failures = 0;
    } else if (state === 'failed') {
      this.fail('ice');
    } else if (state === 'disconnected') {
      const pc = this.pc;
      this.disconnectedTimer = this.timers.setTimeout(() => {
        this.disconnectedTimer = null;
        if (this.pc === pc && pc?.connectionState === 'disconnected') this.fail('disconnected');
      }, DISCONNECTED_RECONNECT_MS);
    }
  }

  /**
   * The connection cannot carry media: replace it after a backoff.
   * @param {string} reason
   */
  fail(reason) {
    if (!this.active || this.reconnectTimer !== null) return;
    const delayMs = Math.min(RECONNECT_MAX_MS, RECONNECT_INITIAL_MS * 2 ** this.failures);
    this.failures++;
    this.emit('failed', { reason, delayMs });
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delayMs);
  }

  clearTimers() {
    this.timers.clearTimeout(this.reconnectTimer);
    this.timers.clearTimeout(this.disconnectedTimer);
    this.reconnectTimer = null;
    this.disconnectedTimer = null;
  }

  dropConnection() {
    const pc = this.pc;
    this.pc = null;
    this.slots = null;
    this.version = null;
    this.chain = Promise.resolve();
    const keys = [...this.streams.keys()];
    for (const key of keys) {
      const stream = this.streams.get(key);
      for (const track of stream?.getTracks() ?? []) stream?.removeTrack(track);
      this.announce(key);
    }
    this.assigned.clear();
    if (pc) {
      pc.onconnectionstatechange = null;
      pc.close();
      this.emit('connectionstate', { state: 'closed' });
    }
  }
}
