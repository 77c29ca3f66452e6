// @ts-check
/**
 * One RTCPeerConnection to one remote participant, negotiated with the "perfect negotiation"
 * pattern (W3C webrtc-pc §10.7 example): both sides may offer at any time; on a collision the
 * polite side rolls back its own offer and the impolite side ignores the incoming one.
 * Politeness rule: the participant whose id sorts first (JavaScript string order) is polite.
 *
 * Signal payloads (opaque to the server, see docs/web-client.md):
 *   {description: RTCSessionDescriptionInit, streams: {[msid]: 'camera'|'screen'}}
 *   {candidate: RTCIceCandidateInit}
 * `streams` tells the receiver which remote stream is the camera and which is a screen share,
 * and arrives before the tracks it describes.
 *
 * A negotiated data channel (id 0, label "parley") carries file-transfer messages. When the room's
 * media go through the server (SFU), the connection becomes data only: created without media, or,
 * for a connection that has media, `setSendMedia(false)` (no new media are added) and
 * `stopReceiving()` (our sections are renegotiated so the other side stops sending). Each side
 * stops receiving when the other's media reach it through the server, so neither goes dark while
 * the other's server connection comes up; a sender whose media nobody receives any more is
 * released (`replaceTrack(null)`).
 *
 * Events: `signal` payload to relay; `track` {kind, stream}; `stream-ended` {kind, stream};
 * `connectionstate` state; `channel-open`; `channel-close`; `data` string|ArrayBuffer.
 */
import { Emitter } from './emitter.js';

/** How long ICE may stay "disconnected" before we restart it; brief dips recover on their own. */
const DISCONNECTED_RESTART_MS = 3000;

/**
 * @typedef {'audio'|'video'|'screen'} Slot
 * @typedef {{track: MediaStreamTrack | null, stream: MediaStream}} LocalSource
 */

export class Peer extends Emitter {
  /**
   * @param {object} options
   * @param {string} options.selfId
   * @param {string} options.remoteId
   * @param {RTCIceServer[]} options.iceServers
   * @param {RTCIceTransportPolicy} [options.iceTransportPolicy]
   * @param {Record<Slot, LocalSource | null>} options.sources local tracks to send from the start
   * @param {boolean} [options.media] false: a data-only connection that never sends media
   */
  constructor({ selfId, remoteId, iceServers, iceTransportPolicy = 'all', sources, media = true }) {
    super();
    this.remoteId = remoteId;
    /** whether new media may be added (false: the media go through the server) */
    this.mediaEnabled = media;
    /** whether we accept media from the other side on this connection */
    this.receiving = true;
    this.polite = selfId < remoteId;
    this.pc = new RTCPeerConnection({ iceServers, iceTransportPolicy });
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.settingRemoteAnswer = false;
    this.closed = false;
    /** @type {Record<Slot, RTCRtpSender | null>} */
    this.senders = { audio: null, video: null, screen: null };
    /** @type {Record<Slot, MediaStream | null>} */
    this.localStreams = { audio: null, video: null, screen: null };
    /** @type {Map<string, 'camera'|'screen'>} remote stream id → kind */
    this.remoteKinds = new Map();
    /** @type {Promise<void>} signals are applied one at a time, in arrival order */
    this.chain = Promise.resolve();
    this.restartTimer = 0;

    this.channel = this.pc.createDataChannel('parley', { negotiated: true, id: 0, ordered: true });
    this.channel.binaryType = 'arraybuffer';
    this.channel.onopen = () => this.emit('channel-open');
    this.channel.onclose = () => this.emit('channel-close');
    this.channel.onmessage = (e) => this.emit('data', e.data);

    this.pc.onnegotiationneeded = () => this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.emit('signal', { candidate: candidate.toJSON() });
    };
    this.pc.ontrack = (e) => this.onTrack(e);
    this.pc.onconnectionstatechange = () => this.emit('connectionstate', this.pc.connectionState);
    this.pc.onsignalingstatechange = () => {
      if (this.pc.signalingState === 'stable' && !this.mediaEnabled) this.releaseUnsent();
    };
    this.pc.oniceconnectionstatechange = () => this.watchIce();

    for (const slot of /** @type {Slot[]} */ (['audio', 'video', 'screen'])) {
      const source = sources[slot];
      if (source?.track) this.setTrack(slot, source.track, source.stream);
    }
  }

  /**
   * Sends `track` in `slot`: replaces the track of an existing sender without renegotiation,
   * or adds a sender (renegotiates). A null track mutes the camera/mic sender and removes the
   * screen sender.
   * @param {Slot} slot
   * @param {MediaStreamTrack | null} track
   * @param {MediaStream} stream the local stream the track belongs to
   */
  async setTrack(slot, track, stream) {
    if (this.closed) return;
    const sender = this.senders[slot];
    if (sender) {
      if (!track && slot === 'screen') {
        this.pc.removeTrack(sender);
        this.senders.screen = null;
        this.localStreams.screen = null;
      } else if (sender.track !== track) {
        await sender.replaceTrack(track);
      }
    } else if (track && this.mediaEnabled) {
      this.localStreams[slot] = stream;
      this.senders[slot] = this.pc.addTrack(track, stream);
    }
  }

  /**
   * Whether new media may be added to this connection. False (the media go through the server)
   * keeps the senders there are until the other side stops receiving them; true also accepts
   * media again and sends `sources` (the server could not take them).
   * @param {boolean} send
   * @param {Record<Slot, LocalSource | null>} [sources]
   */
  setSendMedia(send, sources) {
    if (this.closed || this.mediaEnabled === send) return;
    this.mediaEnabled = send;
    if (!send) {
      this.releaseUnsent();
      return;
    }
    if (!this.receiving) {
      this.receiving = true;
      for (const t of this.mediaTransceivers()) {
        if (t.direction === 'sendonly') t.direction = 'sendrecv';
        else if (t.direction === 'inactive') t.direction = 'recvonly';
      }
    }
    for (const slot of /** @type {Slot[]} */ (['audio', 'video', 'screen'])) {
      const source = sources?.[slot];
      if (source?.track) this.setTrack(slot, source.track, source.stream);
    }
  }

  /**
   * Asks the other side to stop sending media on this connection (they reach us through the
   * server now): our sections stop receiving; perfect negotiation carries the change.
   */
  stopReceiving() {
    if (this.closed || !this.receiving) return;
    this.receiving = false;
    this.refuseMedia();
  }

  /**
   * Applies a payload received from the remote participant.
   * @param {any} payload
   */
  handleSignal(payload) {
    this.chain = this.chain.then(() => this.applySignal(payload)).catch((err) => {
      console.warn(`signal from ${this.remoteId} failed`, err);
    });
  }

  /** Restarts ICE (new candidates on both sides, same DTLS session). */
  restartIce() {
    if (this.closed) return;
    this.pc.restartIce();
  }

  /**
   * After our or their signaling socket came back: offers sent meanwhile may have been dropped
   * by the server, so send the pending offer again, and restart ICE if media stopped flowing.
   */
  recover() {
    if (this.closed) return;
    if (this.pc.signalingState === 'have-local-offer' && this.pc.localDescription) {
      this.emit('signal', { description: this.pc.localDescription.toJSON(), streams: this.streamMap() });
    }
    const ice = this.pc.iceConnectionState;
    if (ice === 'failed' || ice === 'disconnected') this.restartIce();
  }

  /** @returns {'new'|'connecting'|'connected'|'disconnected'|'failed'|'closed'} */
  get connectionState() {
    return this.pc.connectionState;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.channel.close();
    this.pc.close();
  }

  // ---- internals -------------------------------------------------------------------------

  async negotiate() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      if (description) this.emit('signal', { description: description.toJSON(), streams: this.streamMap() });
    } catch (err) {
      console.warn('creating an offer failed', err);
    } finally {
      this.makingOffer = false;
    }
  }

  /** @param {any} payload */
  async applySignal(payload) {
    if (this.closed || payload === null || typeof payload !== 'object') return;
    if (payload.streams && typeof payload.streams === 'object') {
      for (const [id, kind] of Object.entries(payload.streams)) {
        if (kind === 'camera' || kind === 'screen') this.remoteKinds.set(id, kind);
      }
    }
    const { description, candidate } = payload;
    if (description) {
      // webrtc-pc §10.7: an offer collides unless we are stable and not making an offer.
      const readyForOffer = !this.makingOffer
        && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
      const collision = description.type === 'offer' && !readyForOffer;
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      this.settingRemoteAnswer = description.type === 'answer';
      try {
        await this.pc.setRemoteDescription(description); // rolls back our offer if polite
      } finally {
        this.settingRemoteAnswer = false;
      }
      if (description.type === 'offer') {
        if (!this.receiving) this.refuseMedia(); // sections the offer added
        await this.pc.setLocalDescription();
        const answer = this.pc.localDescription;
        if (answer) this.emit('signal', { description: answer.toJSON(), streams: this.streamMap() });
      }
    } else if (candidate) {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (err) {
        if (!this.ignoreOffer) throw err; // candidates of an ignored offer are expected to fail
      }
    }
  }

  /** Our media sections stop receiving (fires negotiationneeded when something changed). */
  refuseMedia() {
    for (const t of this.mediaTransceivers()) {
      if (t.direction === 'sendrecv') t.direction = 'sendonly';
      else if (t.direction === 'recvonly') t.direction = 'inactive';
    }
  }

  /**
   * Once the media go through the server, a sender the other side no longer receives from stops
   * holding its track (so the track is not encoded for nobody, and can be stopped).
   */
  releaseUnsent() {
    for (const slot of /** @type {Slot[]} */ (['audio', 'video', 'screen'])) {
      const sender = this.senders[slot];
      if (!sender) continue;
      const transceiver = this.pc.getTransceivers().find((t) => t.sender === sender);
      const current = transceiver?.currentDirection;
      if (current === 'sendrecv' || current === 'sendonly') continue;
      if (!current && transceiver?.direction !== 'stopped') continue; // not negotiated yet
      this.senders[slot] = null;
      this.localStreams[slot] = null;
      sender.replaceTrack(null).catch(() => {});
    }
  }

  /** @returns {RTCRtpTransceiver[]} the transceivers that can still carry media */
  mediaTransceivers() {
    return this.pc.getTransceivers().filter((t) => t.direction !== 'stopped' && t.currentDirection !== 'stopped');
  }

  /** @param {RTCTrackEvent} e */
  onTrack(e) {
    const stream = e.streams[0] ?? new MediaStream([e.track]);
    const kind = this.remoteKinds.get(stream.id) ?? 'camera';
    stream.onremovetrack = () => {
      if (stream.getTracks().length === 0) this.emit('stream-ended', { kind, stream });
    };
    this.emit('track', { kind, stream, track: e.track });
  }

  /** @returns {Record<string, 'camera'|'screen'>} */
  streamMap() {
    /** @type {Record<string, 'camera'|'screen'>} */
    const map = {};
    for (const slot of /** @type {Slot[]} */ (['audio', 'video', 'screen'])) {
      const stream = this.localStreams[slot];
      if (stream) map[stream.id] = slot === 'screen' ? 'screen' : 'camera';
    }
    return map;
  }

  watchIce() {
    const state = this.pc.iceConnectionState;
    clearTimeout(this.restartTimer);
    if (state === 'failed') {
      this.restartIce();
    } else if (state === 'disconnected') {
      this.restartTimer = setTimeout(() => {
        if (this.pc.iceConnectionState === 'disconnected') this.restartIce();
      }, DISCONNECTED_RESTART_MS);
    }
  }
}
