// @ts-check
/**
 * The in-call view: wires the signaling client, the media (mesh `Call` and `SfuCall`, chosen by
 * `MediaRouter`), the tiles, the controls, chat, participants and file transfers together. One Meeting lives as long as the page; `start()`
 * begins a session after `joined`, `stop()` ends it.
 */
import { ActivityMonitor } from './activity.js';
import { Call } from './call.js';
import { ChatPanel } from './chat.js';
import { Controls } from './controls.js';
import { byId } from './dom.js';
import { FileTransfers } from './file-transfer.js';
import { Grid } from './grid.js';
import { icon } from './icons.js';
import { LevelMeter } from './level-meter.js';
import { MediaRouter } from './media-router.js';
import { ParticipantsPanel } from './participants-panel.js';
import { Roster } from './roster.js';
import { SfuCall } from './sfu-call.js';
import { Tile } from './tile.js';
import { Notices } from './toasts.js';
import { TransfersView } from './transfers-ui.js';

/** @typedef {import('./protocol.js').JoinedMessage} JoinedMessage */
/** @typedef {import('./protocol.js').Participant} Participant */

/** @type {Record<string, string>} */
const TOPOLOGY_TEXT = { p2p: 'Peer-to-peer', sfu: 'Through the server (SFU)' };

export class Meeting {
  /**
   * @param {object} options
   * @param {import('./protocol.js').SignalingClient} options.client
   * @param {import('./media.js').LocalMedia} options.media
   * @param {string} options.room
   * @param {() => void} options.onLeft the person left with the Leave button
   * @param {(title: string, text: string) => void} options.onEnded the session ended for good
   */
  constructor({ client, media, room, onLeft, onEnded }) {
    this.client = client;
    this.media = media;
    this.room = room;
    this.onLeft = onLeft;
    this.onEnded = onEnded;
    this.active = false;
    this.view = byId('call-view');
    /** @type {Participant} */
    this.self = { id: '', name: '', connected: true, state: { audioMuted: false, videoMuted: false, screenSharing: false, handRaised: false } };
    /** @type {'chat'|'participants'|null} */
    this.panel = null;
    this.unread = 0;
    this.soundPromptShown = false;
    /** @type {Map<string, MediaStream>} remote streams by tile key, kept until their tile exists */
    this.streams = new Map();
    /** @type {string | null} */
    this.fileTarget = null;

    this.roster = new Roster();
    // `?relay=1` in the room URL forces every connection through TURN; `?relay=udp` or `?relay=tcp`
    // also keeps only the TURN servers of that transport (diagnosis, tests).
    // The same goes for the connection to the SFU.
    const relay = new URLSearchParams(location.search).get('relay');
    const iceTransportPolicy = relay ? 'relay' : 'all';
    this.call = new Call({
      client,
      media,
      iceTransportPolicy,
      turnTransport: relay === 'udp' || relay === 'tcp' ? relay : undefined,
    });
    this.sfu = new SfuCall({ client, iceTransportPolicy });
    this.router = new MediaRouter({ media, call: this.call, sfu: this.sfu });
    this.grid = new Grid({ main: byId('call-main'), grid: byId('grid'), stage: byId('stage') });
    this.notices = new Notices(byId('toasts'), byId('banner'));
    this.meter = new LevelMeter();
    this.activity = new ActivityMonitor({
      source: this.router, selfId: () => this.self.id,
      selfLevel: () => (this.media.audioMuted ? 0 : this.meter.level()),
    });
    this.transfers = new FileTransfers({ channel: (id) => this.call.peer(id)?.channel ?? null });
    this.transfersView = new TransfersView({
      container: byId('transfers'), transfers: this.transfers,
      nameOf: (id) => this.roster.get(id)?.name ?? 'someone who left',
    });
    this.controls = new Controls(byId('controls'), {
      toggleAudio: () => this.toggleAudio(),
      toggleVideo: () => this.toggleVideo(),
      toggleScreen: () => this.toggleScreen(),
      toggleChat: () => this.setPanel(this.panel === 'chat' ? null : 'chat'),
      toggleParticipants: () => this.setPanel(this.panel === 'participants' ? null : 'participants'),
      copyInvite: () => this.copyInvite(),
      leave: () => this.leave(),
    });
    this.chat = new ChatPanel({
      list: byId('chat-messages'), form: byId('chat-form'), input: byId('chat-input'),
      onSend: (text) => this.client.chat(text),
      onLoadEarlier: (before) => this.client.chatHistory(before),
    });
    this.participantsPanel = new ParticipantsPanel({
      list: byId('participant-list'), title: byId('participants-title'),
      onSendFile: (id) => this.pickFile(id),
    });
    this.bindPage();
    this.bindClient();
    this.bindRoster();
    this.bindCall();
  }

  /**
   * Begins a session.
   * @param {JoinedMessage} joined
   * @param {{startMuted: boolean}} choice
   */
  start(joined, choice) {
    this.active = true;
    this.media.setAudioMuted(choice.startMuted);
    this.view.hidden = false;
    this.controls.enableShortcuts();
    this.activity.start();
    this.meter.attach(this.media.audioTrack);
    this.applyJoined(joined);
    byId('call-room').textContent = joined.room;
    byId('footer-room').textContent = `Room ${joined.room}`;
    document.title = `${joined.room} – Parley`;
  }

  /** Leaves the room (Leave button). */
  leave() {
    if (!this.active) return;
    this.client.leave();
    this.stop();
    this.onLeft();
  }

  /** Ends the session locally: connections, tiles, devices. */
  stop() {
    this.active = false;
    this.activity.stop();
    this.router.close();
    this.call.close();
    this.grid.clear();
    this.streams.clear();
    this.transfersView.clear();
    this.controls.disableShortcuts();
    this.meter.attach(null);
    this.media.stop();
    this.notices.setBanner(null);
    this.setPanel(null);
    this.view.hidden = true;
  }

  /** @returns {RTCPeerConnection[]} the mesh connections */
  peerConnections() {
    return this.call.peerConnections();
  }

  /** @returns {RTCPeerConnection | null} the connection to the SFU, if any */
  sfuConnection() {
    return this.router.sfuConnection();
  }

  // ---- session -----------------------------------------------------------------------------

  /** @param {JoinedMessage} joined a fresh join: everything is rebuilt */
  applyJoined(joined) {
    this.self.id = joined.id;
    this.self.name = joined.name;
    this.self.connected = true;
    this.grid.clear();
    this.streams.clear();
    this.chat.clear();
    this.unread = 0;
    this.controls.setUnread(0);
    if (joined.limits?.chatTextMax) this.chat.setMaxLength(joined.limits.chatTextMax);
    this.selfTile = new Tile({ id: joined.id, name: joined.name, kind: 'camera', self: true });
    this.selfTile.setStream(this.media.stream);
    this.grid.add(this.selfTile);
    this.roster.reset([]);
    for (const p of joined.participants) this.roster.upsert(p);
    this.router.start(joined);
    for (const m of joined.chat ?? []) this.chat.add(m, this.self.id);
    this.chat.setMore(joined.chatMore === true);
    this.publishState({});
  }

  /** @param {JoinedMessage} joined the same session after the socket came back */
  applyResumed(joined) {
    const present = new Set(joined.participants.map((p) => p.id));
    for (const p of this.roster.all()) if (!present.has(p.id)) this.participantLeft(p.id);
    for (const p of joined.participants) this.roster.upsert(p);
    for (const m of joined.chat ?? []) this.chat.add(m, this.self.id);
    this.router.setTopology(joined.topology);
    this.router.recover();
    this.publishState({});
  }

  /**
   * Changes and announces own state (all of it, so a resumed session is in sync too).
   * @param {Partial<Participant['state']>} change
   */
  publishState(change) {
    const state = {
      ...this.self.state,
      audioMuted: this.media.audioMuted || !this.media.audioTrack,
      videoMuted: !this.media.videoTrack,
      screenSharing: Boolean(this.call.screenStream),
      ...change,
    };
    this.self.state = state;
    this.client.sendState(state);
    this.router.syncLocalTracks();
    this.selfTile?.setAudioMuted(state.audioMuted);
    this.selfTile?.setVideoMuted(state.videoMuted);
    this.controls.setAudioMuted(state.audioMuted);
    this.controls.setVideoOff(state.videoMuted);
    this.controls.setSharing(state.screenSharing);
    this.renderParticipants();
  }

  /** @param {string} id */
  participantLeft(id) {
    this.roster.remove(id);
    this.call.removePeer(id);
    this.router.participantLeft(id);
    this.transfers.peerGone(id);
  }

  // ---- controls ----------------------------------------------------------------------------

  async toggleAudio() {
    if (!this.media.audioTrack) {
      await this.media.start({ audio: true, video: false });
      if (!this.media.audioTrack) {
        this.notices.toast('No microphone is available.');
        return;
      }
      this.media.setAudioMuted(false);
    } else {
      this.media.setAudioMuted(!this.media.audioMuted);
    }
    this.publishState({});
  }

  async toggleVideo() {
    const turnOn = !this.media.videoTrack;
    const problem = await this.media.setVideoOff(!turnOn);
    if (turnOn && problem) this.notices.toast(`The camera could not be started (${problem}).`);
    this.publishState({});
  }

  async toggleScreen() {
    if (this.call.screenStream) {
      this.call.stopScreenShare();
      return;
    }
    try {
      await this.call.startScreenShare();
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name !== 'NotAllowedError' && name !== 'AbortError') {
        this.notices.toast('Screen sharing could not be started.');
      }
    }
  }

  /** @param {'chat'|'participants'|null} panel */
  setPanel(panel) {
    this.panel = panel;
    byId('side-panel').hidden = panel === null;
    byId('chat-panel').hidden = panel !== 'chat';
    byId('participants-panel').hidden = panel !== 'participants';
    this.controls.setPanel(panel);
    if (panel === 'chat') {
      this.unread = 0;
      this.controls.setUnread(0);
      this.chat.focus();
    }
    if (panel === 'participants') this.renderParticipants();
    this.grid.layout();
  }

  async copyInvite() {
    const url = `${location.origin}/r/${encodeURIComponent(this.room)}`;
    try {
      await navigator.clipboard.writeText(url);
      this.notices.toast('Invite link copied');
    } catch {
      this.notices.toast(`Share this link: ${url}`, { timeoutMs: 15000 });
    }
  }

  /** @param {string} id */
  pickFile(id) {
    this.fileTarget = id;
    const input = /** @type {HTMLInputElement} */ (byId('file-input'));
    input.value = '';
    input.click();
  }

  /**
   * @param {string} id
   * @param {File} file
   */
  sendFile(id, file) {
    try {
      this.transfers.offer(id, file);
    } catch (err) {
      this.notices.toast(err instanceof Error ? err.message : String(err));
    }
  }

  renderParticipants() {
    if (!this.active) return;
    this.participantsPanel.render(this.self, this.roster.all(),
      (id) => this.call.peer(id)?.channel.readyState === 'open');
  }

  // ---- event wiring ------------------------------------------------------------------------

  bindPage() {
    for (const button of document.querySelectorAll('.panel-close')) {
      button.append(icon('close'));
      button.addEventListener('click', () => this.setPanel(null));
    }
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.panel && this.active) this.setPanel(null);
    });
    const input = /** @type {HTMLInputElement} */ (byId('file-input'));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file && this.fileTarget) this.sendFile(this.fileTarget, file);
    });
    this.media.on('track', ({ kind, track }) => {
      if (!this.active) return;
      this.selfTile?.refreshTracks();
      if (kind === 'audio') this.meter.attach(track);
    });
  }

  bindClient() {
    const c = this.client;
    const when = (/** @type {string} */ type, /** @type {(m: any) => void} */ fn) => {
      c.on(type, (m) => { if (this.active) fn(m); });
    };
    when('participant-joined', (m) => {
      this.roster.upsert(m.participant);
      this.notices.toast(`${m.participant.name} joined`);
    });
    when('participant-updated', (m) => {
      const before = this.roster.get(m.participant.id);
      this.roster.upsert(m.participant);
      if (before && !before.connected && m.participant.connected) this.call.recoverPeer(m.participant.id);
    });
    when('participant-left', (m) => {
      const name = this.roster.get(m.id)?.name;
      this.participantLeft(m.id);
      if (name) this.notices.toast(`${name} left`);
    });
    when('signal', (m) => this.call.handleSignal(m.from, m.payload));
    when('topology', (m) => this.router.setTopology(m.topology));
    when('sfu-offer', (m) => this.sfu.handleOffer(m));
    when('error', (m) => this.router.handleError(m.code));
    when('chat', (m) => {
      const isNew = this.chat.add(m.message, this.self.id);
      if (isNew && this.panel !== 'chat' && m.message.from !== this.self.id) {
        this.controls.setUnread(++this.unread);
        this.notices.toast(`${m.message.name}: ${m.message.text.slice(0, 80)}`);
      }
    });
    when('chat-history', (m) => this.chat.prepend(m.messages, m.more, this.self.id));
    when('server-shutdown', (m) => this.notices.toast(m.message ?? 'The server is restarting'));
    when('reconnecting', () => this.notices.setBanner('Reconnecting…'));
    when('resumed', (m) => {
      this.notices.setBanner(null);
      this.applyResumed(m);
    });
    when('rejoined', (m) => {
      this.notices.setBanner(null);
      for (const p of this.roster.all()) this.transfers.peerGone(p.id);
      this.applyJoined(m);
      this.notices.toast('Reconnected');
    });
    when('failed', (err) => {
      this.stop();
      this.onEnded('You are no longer in the room', err?.message ?? 'The server refused to let you back in.');
    });
    when('replaced', () => {
      this.stop();
      this.onEnded('The meeting continues elsewhere', 'This session was taken over by another window.');
    });
  }

  bindRoster() {
    this.roster.on('added', (/** @type {Participant} */ p) => {
      const tile = new Tile({
        id: p.id, name: p.name, kind: 'camera', self: false,
        onAutoplayBlocked: () => this.promptForSound(),
        onDropFile: (file) => this.sendFile(p.id, file),
      });
      this.grid.add(tile);
      this.updateTile(p);
      const stream = this.streams.get(Grid.key(p.id, 'camera'));
      if (stream) tile.setStream(stream);
      this.updateScreenTile(p);
      this.renderParticipants();
    });
    this.roster.on('updated', ({ participant }) => {
      this.updateTile(participant);
      this.updateScreenTile(participant);
      this.renderParticipants();
    });
    this.roster.on('removed', (/** @type {Participant} */ p) => {
      this.grid.removeParticipant(p.id);
      this.streams.delete(Grid.key(p.id, 'camera'));
      this.streams.delete(Grid.key(p.id, 'screen'));
      this.renderParticipants();
    });
  }

  /** @param {Participant} p */
  updateTile(p) {
    const tile = this.grid.get(p.id, 'camera');
    if (!tile) return;
    tile.setName(p.name);
    tile.setAudioMuted(p.state.audioMuted);
    tile.setVideoMuted(p.state.videoMuted);
    tile.setStatus(p.connected ? null : 'Reconnecting…');
    this.grid.get(p.id, 'screen')?.setName(p.name);
  }

  /**
   * Shows a remote screen tile while the participant says they share and the stream exists.
   * @param {Participant} p
   */
  updateScreenTile(p) {
    const key = Grid.key(p.id, 'screen');
    const stream = this.streams.get(key);
    const live = stream?.getVideoTracks().some((t) => t.readyState === 'live');
    const existing = this.grid.get(p.id, 'screen');
    if (p.state.screenSharing && stream && live) {
      if (!existing) {
        const tile = new Tile({ id: p.id, name: p.name, kind: 'screen', self: false });
        tile.setStream(stream);
        this.grid.add(tile);
      } else {
        existing.setStream(stream);
      }
    } else if (existing && !p.state.screenSharing) {
      this.grid.remove(p.id, 'screen');
    }
  }

  bindCall() {
    // Remote media come from the router, whichever way they travel; it repeats `track` whenever
    // a stream's tracks change, so the tiles stay current.
    this.router.on('track', ({ id, kind, stream }) => {
      this.streams.set(Grid.key(id, kind), stream);
      const participant = this.roster.get(id);
      if (kind === 'camera') this.grid.get(id, 'camera')?.setStream(stream);
      else if (participant) this.updateScreenTile(participant);
    });
    this.router.on('topology', (topology) => {
      byId('topology').textContent = TOPOLOGY_TEXT[topology] ?? topology;
    });
    this.router.on('stream-ended', ({ id, kind }) => {
      this.streams.delete(Grid.key(id, kind));
      if (kind === 'screen') this.grid.remove(id, 'screen');
      else this.grid.get(id, 'camera')?.refreshTracks();
    });
    this.call.on('connectionstate', ({ id, state }) => {
      const tile = this.grid.get(id, 'camera');
      if (state !== 'connected') tile?.setQuality('unknown');
      this.renderParticipants();
    });
    this.call.on('channel-open', () => this.renderParticipants());
    this.call.on('channel-close', ({ id }) => {
      this.transfers.peerGone(id);
      this.renderParticipants();
    });
    this.call.on('data', ({ id, data }) => this.transfers.handleData(id, data));
    this.transfers.on('incoming', (t) => {
      const name = this.roster.get(t.peerId)?.name ?? 'Someone';
      this.notices.toast(`${name} wants to send you ${t.name}`);
    });
    this.call.on('screen', ({ stream }) => {
      if (stream) {
        const tile = new Tile({ id: this.self.id, name: this.self.name, kind: 'screen', self: true });
        tile.setStream(stream);
        this.grid.add(tile);
      } else {
        this.grid.remove(this.self.id, 'screen');
      }
      if (this.active) this.publishState({});
    });
    this.activity.on('speaker', (id) => this.grid.setSpeaker(id));
    this.activity.on('stats', ({ id, connection, videos, quality }) => {
      const camera = this.grid.get(id, 'camera');
      camera?.setQuality(quality);
      for (const tile of [camera, this.grid.get(id, 'screen')]) {
        if (tile?.statsVisible) tile.showStats(connection, videos.get(tile.videoTrackId ?? ''));
      }
    });
  }

  promptForSound() {
    if (this.soundPromptShown) return;
    this.soundPromptShown = true;
    this.notices.toast('The browser blocked sound.', {
      timeoutMs: 0,
      action: {
        label: 'Turn on sound',
        run: () => {
          this.soundPromptShown = false;
          for (const tile of this.grid.tiles.values()) tile.unmuteAudio();
        },
      },
    });
  }
}
