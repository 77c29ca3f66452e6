// @ts-check
/**
 * One video tile: a participant's camera (or a shared screen) with name, muted icon,
 * camera-off placeholder (initials), connection-quality dot, speaking highlight and an
 * on-demand statistics overlay. Tiles are groups named after the participant.
 */
import { h } from './dom.js';
import { formatBitrate, initials } from './format.js';
import { icon } from './icons.js';

const QUALITY_TEXT = { good: 'good', fair: 'fair', poor: 'poor', unknown: 'unknown' };

export class Tile {
  /**
   * @param {object} options
   * @param {string} options.id participant id
   * @param {string} options.name
   * @param {'camera'|'screen'} options.kind
   * @param {boolean} options.self
   * @param {() => void} [options.onAutoplayBlocked] playback with sound was refused
   * @param {(file: File) => void} [options.onDropFile] a file was dropped on a remote tile
   */
  constructor({ id, name, kind, self, onAutoplayBlocked, onDropFile }) {
    this.id = id;
    this.kind = kind;
    this.self = self;
    this.name = name;
    this.onAutoplayBlocked = onAutoplayBlocked ?? (() => {});
    this.audioMuted = false;
    this.videoMuted = false;
    this.hasVideo = false;
    /** @type {string | null} */
    this.videoTrackId = null;

    this.video = h('video', { class: 'tile-video', autoplay: true, playsinline: true });
    // Own audio is never played back; it would echo.
    this.video.muted = self;
    if (self && kind === 'camera') this.video.classList.add('mirrored');
    this.avatar = h('span', { class: 'avatar', 'aria-hidden': 'true' });
    this.placeholder = h('div', { class: 'placeholder' }, this.avatar);
    this.mutedIcon = h('span', { class: 'muted-icon', role: 'img', 'aria-label': 'Microphone muted', hidden: true },
      icon('mic-off'));
    this.nameLabel = h('span', { class: 'tile-name' });
    this.quality = h('span', { class: 'quality', role: 'img', dataset: { quality: 'unknown' } });
    this.statsButton = h('button', {
      class: 'tile-btn', type: 'button', 'aria-pressed': 'false', onclick: () => this.toggleStats(),
    }, icon('stats'));
    this.statsOverlay = h('dl', { class: 'stats-overlay', hidden: true });
    this.status = h('div', { class: 'tile-status', hidden: true });
    this.dropHint = h('div', { class: 'drop-hint', hidden: true });

    const showStatsControls = !self;
    this.el = h('div', {
      class: `tile tile-${kind}`,
      role: 'group',
      dataset: kind === 'camera' ? { participantId: id, kind } : { screenOf: id, kind },
    },
    this.video,
    kind === 'camera' && this.placeholder,
    h('div', { class: 'tile-top' }, showStatsControls && this.quality, showStatsControls && this.statsButton),
    showStatsControls && this.statsOverlay,
    h('div', { class: 'nameplate' }, kind === 'camera' && this.mutedIcon, this.nameLabel),
    this.status,
    this.dropHint);
    if (self) this.el.dataset.self = 'true';
    if (onDropFile && !self) this.enableDrop(onDropFile);
    this.setName(name);
    this.setQuality('unknown');
    this.updatePlaceholder();
  }

  /** @param {string} name */
  setName(name) {
    this.name = name;
    const label = this.kind === 'screen' ? `Screen shared by ${name}` : name;
    this.el.setAttribute('aria-label', label);
    this.nameLabel.textContent = this.kind === 'screen'
      ? `${name} (screen)` : this.self ? `${name} (you)` : name;
    this.avatar.textContent = initials(name);
    this.statsButton.setAttribute('aria-label', `Statistics for ${label}`);
    this.dropHint.textContent = `Drop to send the file to ${name}`;
  }

  /** @param {MediaStream | null} stream */
  setStream(stream) {
    if (this.video.srcObject !== stream) {
      this.video.srcObject = stream;
      if (stream) this.play();
    }
    this.refreshTracks();
  }

  /** Re-reads which tracks the stream has (tracks come and go without a new stream). */
  refreshTracks() {
    const stream = /** @type {MediaStream | null} */ (this.video.srcObject);
    const track = stream?.getVideoTracks()[0] ?? null;
    this.hasVideo = Boolean(track && track.readyState === 'live');
    this.videoTrackId = track?.id ?? null;
    this.updatePlaceholder();
  }

  /** @param {boolean} muted */
  setAudioMuted(muted) {
    this.audioMuted = muted;
    this.mutedIcon.hidden = !muted;
  }

  /** @param {boolean} muted camera turned off by its owner */
  setVideoMuted(muted) {
    this.videoMuted = muted;
    this.updatePlaceholder();
  }

  /** @param {boolean} speaking */
  setSpeaking(speaking) {
    this.el.classList.toggle('speaking', speaking);
  }

  /** @param {'good'|'fair'|'poor'|'unknown'} quality */
  setQuality(quality) {
    this.quality.dataset.quality = quality;
    this.quality.setAttribute('aria-label', `Connection quality: ${QUALITY_TEXT[quality]}`);
  }

  /** @param {string | null} text e.g. "Reconnecting…"; null hides it */
  setStatus(text) {
    this.status.hidden = text === null;
    this.status.textContent = text ?? '';
    this.el.classList.toggle('dimmed', text !== null);
  }

  get statsVisible() {
    return !this.statsOverlay.hidden;
  }

  toggleStats() {
    this.statsOverlay.hidden = !this.statsOverlay.hidden;
    this.statsButton.setAttribute('aria-pressed', String(this.statsVisible));
    if (this.statsVisible && !this.statsOverlay.hasChildNodes()) {
      this.statsOverlay.append(h('dt', { text: 'Statistics' }), h('dd', { text: 'collecting…' }));
    }
  }

  /**
   * @param {import('./stats.js').ConnectionStats} connection
   * @param {import('./stats.js').VideoStats | undefined} video
   */
  showStats(connection, video) {
    if (!this.statsVisible) return;
    /** @type {Array<[string, string]>} */
    const rows = [
      ['Resolution', video?.width ? `${video.width}×${video.height}` : '–'],
      ['Frame rate', video?.fps !== undefined ? `${Math.round(video.fps)} fps` : '–'],
      ['Bitrate', video?.bitrate !== undefined ? formatBitrate(video.bitrate) : '–'],
      ['Packet loss', connection.lossPct !== undefined ? `${connection.lossPct.toFixed(1)} %` : '–'],
      ['Round trip', connection.rttMs !== undefined ? `${Math.round(connection.rttMs)} ms` : '–'],
      ['Candidate', connection.candidateType ?? '–'],
    ];
    this.statsOverlay.replaceChildren(
      ...rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));
  }

  /** Starts playback; if sound is refused, plays muted and reports it. */
  play() {
    this.video.play().catch((err) => {
      if (err?.name !== 'NotAllowedError' || this.video.muted) return;
      this.video.muted = true;
      this.video.play().catch(() => {});
      this.onAutoplayBlocked();
    });
  }

  /** Turns sound on again after a user gesture. */
  unmuteAudio() {
    if (this.self) return;
    this.video.muted = false;
    this.video.play().catch(() => {});
  }

  updatePlaceholder() {
    const off = this.videoMuted || !this.hasVideo;
    this.placeholder.hidden = !off;
    this.el.classList.toggle('video-off', off);
  }

  /** @param {(file: File) => void} onDropFile */
  enableDrop(onDropFile) {
    /** @param {DragEvent} e */
    const hasFiles = (e) => Boolean(e.dataTransfer?.types.includes('Files'));
    this.el.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      this.dropHint.hidden = false;
    });
    this.el.addEventListener('dragleave', () => { this.dropHint.hidden = true; });
    this.el.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      this.dropHint.hidden = true;
      const file = e.dataTransfer?.files[0];
      if (file) onDropFile(file);
    });
  }

  remove() {
    this.video.srcObject = null;
    this.el.remove();
  }
}
