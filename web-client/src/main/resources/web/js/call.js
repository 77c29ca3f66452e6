// @ts-check
/**
 * The peer-to-peer mesh: one Peer per remote participant, fed with the local camera,
 * microphone and screen tracks, connected through the signaling client.
 *
 * Who starts: the participant who joins creates connections to everyone listed in `joined`
 * (its tracks trigger the first offer); those already in the room create theirs when the first
 * signal arrives. This avoids a guaranteed offer collision on every join; perfect negotiation
 * still handles any later collision (screen share, device changes, ICE restarts).
 *
 * When the room's media go through the server (SFU), the mesh stays for file transfer only:
 * `setSendMedia(false)` makes new connections data only and adds no media to existing ones;
 * `stopReceiving(id)` asks a participant to stop sending us media on the mesh once theirs reach us
 * through the server (docs/web-client.md, "Topology").
 *
 * Events: `track` {id, kind, stream}; `stream-ended` {id, kind, stream};
 * `connectionstate` {id, state}; `channel-open` {id}; `channel-close` {id};
 * `data` {id, data}; `screen` {stream: MediaStream | null} for the local screen share.
 */
import { Emitter } from './emitter.js';
import { Peer } from './peer.js';

export class Call extends Emitter {
  /**
   * @param {object} options
   * @param {import('./protocol.js').SignalingClient} options.client
   * @param {import('./media.js').LocalMedia} options.media
   * @param {RTCIceTransportPolicy} [options.iceTransportPolicy] 'relay' sends all media through TURN
   * @param {'udp' | 'tcp'} [options.turnTransport] keep only TURN URLs of this transport
   */
  constructor({ client, media, iceTransportPolicy = 'all', turnTransport }) {
    super();
    this.client = client;
    this.media = media;
    this.iceTransportPolicy = iceTransportPolicy;
    this.turnTransport = turnTransport;
    /** @type {string} */
    this.selfId = '';
    /** @type {RTCIceServer[]} */
    this.iceServers = [];
    /** @type {Map<string, Peer>} */
    this.peers = new Map();
    /** @type {MediaStream | null} */
    this.screenStream = null;
    /** false while the media go through the server: new connections are data only */
    this.sendMedia = true;
    this.offMedia = media.on('track', ({ kind, track }) => {
      for (const peer of this.peers.values()) peer.setTrack(kind, track, media.stream);
    });
  }

  /**
   * Starts (or restarts, after a fresh join) the mesh for a `joined` message.
   * @param {import('./protocol.js').JoinedMessage} joined
   */
  start(joined) {
    this.closePeers();
    this.selfId = joined.id;
    this.iceServers = onlyTransport(joined.iceServers ?? [], this.turnTransport);
    for (const participant of joined.participants) this.ensurePeer(participant.id);
  }

  /**
   * @param {string} from
   * @param {any} payload
   */
  handleSignal(from, payload) {
    this.ensurePeer(from).handleSignal(payload);
  }

  /** @param {string} id a participant who left the room */
  removePeer(id) {
    const peer = this.peers.get(id);
    if (!peer) return;
    this.peers.delete(id);
    peer.close();
    this.emit('connectionstate', { id, state: 'closed' });
  }

  /**
   * Whether new connections carry media; true also puts the media back on connections that
   * dropped them.
   * @param {boolean} send
   */
  setSendMedia(send) {
    this.sendMedia = send;
    for (const peer of this.peers.values()) peer.setSendMedia(send, this.sources());
  }

  /** @param {string} id the participant whose media we stop receiving on the mesh (not the data channel) */
  stopReceiving(id) {
    this.peers.get(id)?.stopReceiving();
  }

  /** Our signaling socket came back with the same id: recover every connection. */
  recoverAll() {
    for (const peer of this.peers.values()) peer.recover();
  }

  /** @param {string} id a participant whose socket came back */
  recoverPeer(id) {
    this.peers.get(id)?.recover();
  }

  /**
   * Starts sharing the screen. Rejects when the person cancels the picker.
   * @returns {Promise<MediaStream>}
   */
  async startScreenShare() {
    if (this.screenStream) return this.screenStream;
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: 15 } }, // text stays sharp; 15 fps halves the bitrate of 30
      audio: false,
    });
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('No screen track');
    track.contentHint = 'detail';
    // The browser's own "Stop sharing" control ends the track.
    track.addEventListener('ended', () => this.stopScreenShare());
    this.screenStream = stream;
    for (const peer of this.peers.values()) peer.setTrack('screen', track, stream);
    this.emit('screen', { stream });
    return stream;
  }

  stopScreenShare() {
    const stream = this.screenStream;
    if (!stream) return;
    this.screenStream = null;
    for (const track of stream.getTracks()) track.stop();
    for (const peer of this.peers.values()) peer.setTrack('screen', null, stream);
    this.emit('screen', { stream: null });
  }

  /** @returns {RTCPeerConnection[]} */
  peerConnections() {
    return [...this.peers.values()].map((p) => p.pc);
  }

  /** @param {string} id */
  peer(id) {
    return this.peers.get(id) ?? null;
  }

  /** Ends the call: closes every connection and the screen share (not camera/mic). */
  close() {
    this.stopScreenShare();
    this.closePeers();
  }

  dispose() {
    this.close();
    this.offMedia();
  }

  // ---- internals -------------------------------------------------------------------------

  /** @returns {Record<import('./peer.js').Slot, import('./peer.js').LocalSource | null>} */
  sources() {
    const screenTrack = this.screenStream?.getVideoTracks()[0] ?? null;
    return {
      audio: { track: this.media.audioTrack, stream: this.media.stream },
      video: { track: this.media.videoTrack, stream: this.media.stream },
      screen: this.screenStream ? { track: screenTrack, stream: this.screenStream } : null,
    };
  }

  closePeers() {
    for (const id of [...this.peers.keys()]) this.removePeer(id);
  }

  /** @param {string} id */
  ensurePeer(id) {
    let peer = this.peers.get(id);
    if (peer) return peer;
    peer = new Peer({
      selfId: this.selfId,
      remoteId: id,
      iceServers: this.iceServers,
      iceTransportPolicy: this.iceTransportPolicy,
      sources: this.sendMedia ? this.sources() : { audio: null, video: null, screen: null },
      media: this.sendMedia,
    });
    this.peers.set(id, peer);
    const created = peer;
    peer.on('signal', (payload) => this.client.signal(id, payload));
    peer.on('track', ({ kind, stream }) => this.emit('track', { id, kind, stream }));
    peer.on('stream-ended', ({ kind, stream }) => this.emit('stream-ended', { id, kind, stream }));
    peer.on('connectionstate', (state) => {
      if (this.peers.get(id) === created) this.emit('connectionstate', { id, state });
    });
    peer.on('channel-open', () => this.emit('channel-open', { id }));
    peer.on('channel-close', () => this.emit('channel-close', { id }));
    peer.on('data', (data) => this.emit('data', { id, data }));
    return peer;
  }
}

/**
 * The ICE servers with, when a transport is given, only the TURN URLs of that transport.
 * @param {RTCIceServer[]} servers
 * @param {'udp' | 'tcp' | undefined} transport
 * @returns {RTCIceServer[]}
 */
export function onlyTransport(servers, transport) {
  if (!transport) return servers;
  return servers
    .map((s) => ({ ...s, urls: (Array.isArray(s.urls) ? s.urls : [s.urls])
      .filter((u) => u.startsWith('turn:') && u.includes(`transport=${transport}`)) }))
    .filter((s) => s.urls.length > 0);
}
