// @ts-check
/**
 * Parley signaling client (docs/protocol.md, version 1). It touches no DOM, so other clients
 * (and `node --test`) can use it: the WebSocket constructor and the timers are injectable.
 *
 * Connection states:
 *   idle ──join()──▶ connecting ──open──▶ open ──joined──▶ joined ──leave()──▶ open
 *                                                           │
 *                       socket lost ──▶ reconnecting ──open + resume──▶ joined (same id)
 *                                                     └── resume-failed ──▶ join afresh
 *   close() from any state ──▶ closed
 *
 * Events: one per server message type (`joined`, `participant-joined`, `participant-updated`,
 * `participant-left`, `signal`, `chat`, `pong`, `server-shutdown`, `error`, and for media through
 * the server `topology` and `sfu-offer`) plus `message` for
 * every message (including types this version does not know), and connection events:
 * `statechange` {state}, `reconnecting` {attempt, delayMs}, `resumed` (joined message of a
 * successful resume: same id), `resume-failed`, `rejoined` (joined message of the fresh join
 * that follows a failed resume: new id, everything else must be rebuilt), `replaced` (another
 * socket took over this session), `failed` (SignalingError; the client gave up and is closed).
 * The first `join()` answers through its promise (the `joined` event fires as well).
 * `error` is emitted only for errors that do not answer a pending `join`/`resume`.
 */
import { Emitter } from './emitter.js';

export const PROTOCOL_VERSION = 1;

/** Server message types of protocol version 1. */
export const SERVER_MESSAGE_TYPES = Object.freeze([
  'joined', 'participant-joined', 'participant-updated', 'participant-left',
  'signal', 'chat', 'chat-history', 'pong', 'server-shutdown', 'error', 'topology', 'sfu-offer',
]);

/** Close codes from docs/protocol.md, "Limits and close codes". */
export const CloseCode = Object.freeze({
  GOING_AWAY: 1001,
  POLICY: 1008,
  TOO_BIG: 1009,
  LIVENESS_TIMEOUT: 4000,
  REPLACED: 4001,
});

/**
 * @typedef {{audioMuted: boolean, videoMuted: boolean, screenSharing: boolean, handRaised: boolean}} ParticipantState
 * @typedef {{id: string, name: string, connected: boolean, state: ParticipantState}} Participant
 * @typedef {{id: string, from: string, name: string, text: string, ts: number}} ChatMessage
 * @typedef {{type: 'joined', id: string, room: string, name: string, resumeToken: string,
 *   resumed: boolean, participants: Participant[], iceServers: RTCIceServer[], chat: ChatMessage[], chatMore?: boolean,
 *   topology: string, limits?: {chatTextMax?: number, roomCapacity?: number}}} JoinedMessage
 * @typedef {{mid: string, participant: string, source: 'audio'|'camera'|'screen'}} SfuTrack
 * @typedef {{type: 'sfu-offer', version: number, sdp: string,
 *   slots: {audio: string, camera: string, screen: string}, tracks: SfuTrack[]}} SfuOfferMessage
 * @typedef {'idle'|'connecting'|'open'|'joined'|'reconnecting'|'closed'} ConnectionState
 *
 * @typedef {object} SocketLike the subset of the WebSocket API the client uses
 * @property {number} readyState
 * @property {(data: string) => void} send
 * @property {(code?: number, reason?: string) => void} close
 * @property {((ev: any) => void) | null} onopen
 * @property {((ev: {data: any}) => void) | null} onmessage
 * @property {((ev: {code: number, reason?: string}) => void) | null} onclose
 * @property {((ev: any) => void) | null} onerror
 *
 * @typedef {object} Timers
 * @property {(fn: () => void, ms: number) => any} setTimeout
 * @property {(handle: any) => void} clearTimeout
 * @property {(fn: () => void, ms: number) => any} setInterval
 * @property {(handle: any) => void} clearInterval
 */

/** An error reported by the server (`code` from docs/protocol.md) or `unreachable`. */
export class SignalingError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'SignalingError';
    this.code = code;
  }
}

const OPEN = 1;
/** Messages kept while reconnecting; a longer outage loses the oldest (they are stale anyway). */
const MAX_QUEUED = 200;

export class SignalingClient extends Emitter {
  /**
   * @param {object} options
   * @param {string} options.url WebSocket URL, e.g. `wss://host/ws`
   * @param {(url: string) => SocketLike} [options.createSocket] defaults to `new WebSocket(url)`
   * @param {Timers} [options.timers] defaults to the global timer functions
   * @param {() => number} [options.random] jitter source in [0, 1), defaults to Math.random
   * @param {number} [options.pingIntervalMs] 5 s: the protocol asks for a ping every 5 s
   * @param {number} [options.silenceTimeoutMs] 15 s: the server's liveness timeout; with pongs
   *   due every 5 s, 15 s of silence means the socket is dead even if no close event came
   * @param {number} [options.connectTimeoutMs] give up on one connection attempt after this
   * @param {number} [options.backoffInitialMs] first reconnect delay (before jitter)
   * @param {number} [options.backoffMaxMs] reconnect delay cap; well under the 30 s resume grace
   */
  constructor(options) {
    super();
    this.url = options.url;
    this.createSocket = options.createSocket ?? ((url) => /** @type {any} */ (new WebSocket(url)));
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h),
      setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
      clearInterval: (h) => globalThis.clearInterval(h),
    };
    this.random = options.random ?? Math.random;
    this.pingIntervalMs = options.pingIntervalMs ?? 5000;
    this.silenceTimeoutMs = options.silenceTimeoutMs ?? 15000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10000;
    this.backoffInitialMs = options.backoffInitialMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 8000;

    /** @type {ConnectionState} */
    this.state = 'idle';
    /** @type {SocketLike | null} */
    this.socket = null;
    /** @type {string | null} own participant id while joined */
    this.id = null;
    /** @type {string | null} */
    this.room = null;
    /** @type {string | null} */
    this.name = null;
    /** @type {{audioMuted?: boolean, videoMuted?: boolean} | undefined} */
    this.initialState = undefined;
    /** @type {string | null} */
    this.resumeToken = null;
    this.refCounter = 0;
    this.attempt = 0;
    /** @type {object[]} */
    this.queue = [];
    /** @type {{ref: string, kind: 'join'|'resume', resolve: (m: JoinedMessage) => void, reject: (e: Error) => void} | null} */
    this.pending = null;
    this.pingTimer = null;
    this.silenceTimer = null;
    this.connectTimer = null;
    this.reconnectTimer = null;
  }

  /**
   * Connects if needed and joins a room.
   * @param {string} room
   * @param {string} name
   * @param {{audioMuted?: boolean, videoMuted?: boolean}} [initialState] what others see from the start
   * @returns {Promise<JoinedMessage>} rejects with a SignalingError (`unreachable`, `room-full`, …)
   */
  async join(room, name, initialState) {
    if (this.state === 'joined' || this.state === 'reconnecting') {
      throw new SignalingError('already-joined', 'Already in a room');
    }
    this.room = room;
    this.name = name;
    this.initialState = initialState;
    if (this.state !== 'open') {
      try {
        await this.connect();
      } catch (err) {
        this.changeState('idle');
        throw err;
      }
    }
    return this.request('join', { type: 'join', room, name, version: PROTOCOL_VERSION, state: initialState });
  }

  /** Leaves the room; the socket stays open for a later `join`. */
  leave() {
    if (this.state === 'joined') this.transmit({ type: 'leave' });
    this.forgetSession();
    if (this.state === 'reconnecting') {
      this.clearTimer('reconnectTimer');
      this.dropSocket();
      this.changeState('idle');
    } else if (this.socket) {
      this.changeState('open');
    }
  }

  /** Closes the socket for good; no reconnection. */
  close() {
    this.forgetSession();
    this.clearTimer('reconnectTimer');
    this.dropSocket();
    this.changeState('closed');
  }

  /**
   * Relays an opaque payload to another participant of the room.
   * @param {string} to participant id
   * @param {object} payload
   */
  signal(to, payload) {
    this.send({ type: 'signal', to, payload });
  }

  /**
   * Announces own media state; others receive `participant-updated`.
   * @param {Partial<ParticipantState>} state
   */
  sendState(state) {
    this.send({ type: 'state', ...state });
  }

  /** @param {string} text */
  chat(text) {
    this.send({ type: 'chat', text });
  }

  /**
   * Asks for chat messages older than `before` (a message id); the answer is `chat-history`.
   * @param {string} before
   */
  chatHistory(before) {
    this.send({ type: 'chat-history', before });
  }

  /** Asks for a (fresh) connection to the server's SFU; the server answers with `sfu-offer`. */
  sfuConnect() {
    this.send({ type: 'sfu-connect' });
  }

  /**
   * Answers the SFU's offer of `version`.
   * @param {number} version the `version` of the `sfu-offer` this answers
   * @param {string} sdp
   */
  sfuAnswer(version, sdp) {
    this.send({ type: 'sfu-answer', version, sdp });
  }

  /**
   * Sends a room message now, or queues it while the socket is being re-established.
   * @param {object} message
   */
  send(message) {
    if (this.state === 'joined') {
      this.transmit(message);
    } else if (this.state === 'reconnecting') {
      if (this.queue.length >= MAX_QUEUED) this.queue.shift();
      this.queue.push(message);
    }
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * @param {'join'|'resume'} kind
   * @param {object} message
   * @returns {Promise<JoinedMessage>}
   */
  request(kind, message) {
    const ref = String(++this.refCounter);
    return new Promise((resolve, reject) => {
      this.pending = { ref, kind, resolve, reject };
      this.transmit({ ...message, ref });
    });
  }

  /** @returns {Promise<void>} */
  connect() {
    if (this.state !== 'reconnecting') this.changeState('connecting');
    return new Promise((resolve, reject) => {
      let socket;
      try {
        socket = this.createSocket(this.url);
      } catch (err) {
        reject(new SignalingError('unreachable', 'Cannot open the signaling connection'));
        return;
      }
      this.socket = socket;
      let opened = false;
      this.connectTimer = this.timers.setTimeout(() => {
        this.connectTimer = null;
        if (!opened) socket.onclose?.({ code: 1006, reason: 'connect timeout' });
      }, this.connectTimeoutMs);
      socket.onopen = () => {
        opened = true;
        this.clearTimer('connectTimer');
        if (this.state !== 'reconnecting') this.changeState('open');
        this.startLiveness();
        resolve();
      };
      socket.onmessage = (ev) => this.receive(ev.data);
      socket.onerror = () => {};
      socket.onclose = (ev) => {
        if (this.socket !== socket) return;
        this.clearTimer('connectTimer');
        if (!opened) {
          this.dropSocket();
          reject(new SignalingError('unreachable', 'The Parley server cannot be reached'));
          return;
        }
        this.handleClose(ev?.code ?? 1006);
      };
    });
  }

  /** @param {number} code */
  handleClose(code) {
    const wasState = this.state;
    this.dropSocket();
    if (this.pending) {
      this.pending.reject(new SignalingError('unreachable', 'The connection was lost'));
      this.pending = null;
    }
    if (code === CloseCode.REPLACED) {
      this.forgetSession();
      this.changeState('closed');
      this.emit('replaced');
      return;
    }
    if ((wasState === 'joined' || wasState === 'reconnecting') && this.resumeToken) {
      this.scheduleReconnect();
    } else if (wasState !== 'closed') {
      this.changeState('idle');
    }
  }

  scheduleReconnect() {
    this.changeState('reconnecting');
    const base = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** this.attempt);
    // Jitter between 50 % and 100 % so a restarted server is not hit by every client at once.
    const delayMs = Math.round(base * (0.5 + 0.5 * this.random()));
    this.attempt++;
    this.emit('reconnecting', { attempt: this.attempt, delayMs });
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.reconnect();
    }, delayMs);
  }

  async reconnect() {
    try {
      await this.connect();
    } catch {
      if (this.state !== 'closed' && this.resumeToken) this.scheduleReconnect();
      return;
    }
    this.changeState('reconnecting');
    try {
      await this.request('resume', { type: 'resume', token: this.resumeToken });
    } catch (err) {
      if (!(err instanceof SignalingError) || err.code !== 'resume-failed') return;
      // The grace expired (or the server restarted): our old id is gone, join afresh.
      this.queue = this.queue.filter((m) => /** @type {any} */ (m).type === 'chat');
      this.emit('resume-failed');
      try {
        const joined = await this.request('join', {
          type: 'join', room: this.room, name: this.name, version: PROTOCOL_VERSION, state: this.initialState,
        });
        this.emit('rejoined', joined);
      } catch (joinErr) {
        // A lost socket is retried by handleClose; a refusal (room-full, …) is final.
        if (joinErr instanceof SignalingError && joinErr.code === 'unreachable') return;
        if (joinErr instanceof SignalingError && joinErr.code === 'cancelled') return;
        this.close();
        this.emit('failed', joinErr);
      }
    }
  }

  /** @param {any} data */
  receive(data) {
    this.resetSilenceTimer();
    let message;
    try {
      message = JSON.parse(String(data));
    } catch {
      return; // not JSON: nothing sensible to do with it
    }
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return;
    if (message.type === 'joined') this.onJoined(message);
    if (message.type === 'error' && this.pending && message.ref === this.pending.ref) {
      const pending = this.pending;
      this.pending = null;
      this.emit('message', message);
      pending.reject(new SignalingError(message.code, message.message ?? message.code));
      return;
    }
    this.emit('message', message);
    if (SERVER_MESSAGE_TYPES.includes(message.type)) this.emit(message.type, message);
  }

  /** @param {JoinedMessage} message */
  onJoined(message) {
    this.id = message.id;
    this.resumeToken = message.resumeToken;
    this.attempt = 0;
    this.changeState('joined');
    const queued = this.queue;
    this.queue = [];
    for (const m of queued) this.transmit(m);
    if (message.resumed) this.emit('resumed', message);
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(message);
  }

  /** @param {object} message */
  transmit(message) {
    if (!this.socket || this.socket.readyState !== OPEN) return;
    try {
      this.socket.send(JSON.stringify(message));
    } catch {
      // The socket died between the check and the send; its close event handles recovery.
    }
  }

  startLiveness() {
    this.clearTimer('pingTimer');
    this.pingTimer = this.timers.setInterval(
      () => this.transmit({ type: 'ping' }), this.pingIntervalMs);
    this.resetSilenceTimer();
  }

  resetSilenceTimer() {
    this.clearTimer('silenceTimer');
    if (!this.socket) return;
    const socket = this.socket;
    this.silenceTimer = this.timers.setTimeout(() => {
      this.silenceTimer = null;
      // No pong for a whole liveness period: treat the socket as dead without waiting for TCP.
      if (this.socket === socket) this.handleClose(1006);
    }, this.silenceTimeoutMs);
  }

  dropSocket() {
    this.clearTimer('pingTimer');
    this.clearTimer('silenceTimer');
    this.clearTimer('connectTimer');
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(1000);
    } catch {
      // already closed
    }
  }

  forgetSession() {
    this.id = null;
    this.resumeToken = null;
    this.queue = [];
    this.attempt = 0;
    if (this.pending) {
      this.pending.reject(new SignalingError('cancelled', 'Cancelled'));
      this.pending = null;
    }
  }

  /** @param {'pingTimer'|'silenceTimer'|'connectTimer'|'reconnectTimer'} name */
  clearTimer(name) {
    const handle = this[name];
    if (handle === null) return;
    if (name === 'pingTimer') this.timers.clearInterval(handle);
    else this.timers.clearTimeout(handle);
    this[name] = null;
  }

  /** @param {ConnectionState} state */
  changeState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('statechange', { state });
  }
}

/**
 * The signaling URL for a page location: same origin, `/ws`, wss when the page is https.
 * @param {{protocol: string, host: string}} location
 */
export function signalingUrl(location) {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}
