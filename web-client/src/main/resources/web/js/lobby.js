// @ts-check
/**
 * The pre-join view: camera preview, microphone level, device selectors, start muted / camera
 * off, "Your name" (remembered) and "Join". Explains unavailable devices and offers to continue
 * with audio only or without media.
 */
import { byId, h } from './dom.js';
import { LevelMeter } from './level-meter.js';
import { loadSetting, saveSetting } from './settings.js';

/**
 * @typedef {{name: string, startMuted: boolean, cameraOff: boolean}} JoinChoice
 */

/** @type {Record<string, string>} */
const REASONS = {
  denied: 'access was blocked. Allow it in the site settings (the icon in the address bar), then try again.',
  missing: 'no device was found.',
  busy: 'it is in use by another application.',
  insecure: 'browsers allow cameras and microphones only on secure (https) pages.',
  failed: 'it could not be started.',
};

/**
 * Validates a display name against docs/protocol.md (`join.name`).
 * @param {string} raw
 * @returns {string | null} a problem, or null when fine
 */
export function nameProblem(raw) {
  const name = raw.trim();
  if (name.length === 0) return 'Enter your name so others know who you are.';
  if (name.length > 40) return 'Use at most 40 characters.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'The name contains invisible control characters.';
  return null;
}

export class Lobby {
  /**
   * @param {object} options
   * @param {string} options.room
   * @param {import('./media.js').LocalMedia} options.media
   * @param {(choice: JoinChoice) => Promise<void>} options.onJoin rejects with a message to show
   */
  constructor({ room, media, onJoin }) {
    this.media = media;
    this.onJoin = onJoin;
    this.meter = new LevelMeter();
    this.view = byId('lobby-view');
    this.preview = /** @type {HTMLVideoElement} */ (byId('preview'));
    this.previewOff = byId('preview-off');
    this.levelBar = byId('mic-level');
    this.levelFill = byId('mic-level-fill');
    this.form = /** @type {HTMLFormElement} */ (byId('lobby-form'));
    this.nameInput = /** @type {HTMLInputElement} */ (byId('name-input'));
    this.nameMessage = byId('name-message');
    this.cameraSelect = /** @type {HTMLSelectElement} */ (byId('camera-select'));
    this.microphoneSelect = /** @type {HTMLSelectElement} */ (byId('microphone-select'));
    this.startMuted = /** @type {HTMLInputElement} */ (byId('start-muted'));
    this.cameraOff = /** @type {HTMLInputElement} */ (byId('start-camera-off'));
    this.deviceProblem = byId('device-problem');
    this.deviceProblemText = byId('device-problem-text');
    this.audioOnlyButton = byId('audio-only');
    this.noMediaButton = byId('no-media');
    this.joinProblem = byId('join-problem');
    this.joinButton = /** @type {HTMLButtonElement} */ (byId('join-button'));
    byId('lobby-room').textContent = room;
    /** @type {Promise<unknown>} */
    this.starting = Promise.resolve();
    this.frame = 0;
    this.lastLevel = -1;
    this.joining = false;
    this.bind();
  }

  bind() {
    this.nameInput.value = loadSetting('name') ?? '';
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.join();
    });
    this.nameInput.addEventListener('input', () => { this.nameMessage.hidden = true; });
    this.cameraSelect.addEventListener('change', () => this.pickCamera());
    this.microphoneSelect.addEventListener('change', () => this.pickMicrophone());
    this.cameraOff.addEventListener('change', () => this.toggleCamera());
    byId('retry-devices').addEventListener('click', () => this.startMedia());
    this.audioOnlyButton.addEventListener('click', async () => {
      await this.media.setVideoOff(true);
      this.cameraOff.checked = true;
      this.join();
    });
    this.noMediaButton.addEventListener('click', () => {
      this.media.stop();
      this.join();
    });
    this.media.on('track', () => this.showTracks());
    this.media.on('devices', (list) => this.fillDevices(list));
  }

  /** Shows the lobby and opens the devices. */
  show() {
    this.view.hidden = false;
    this.joinProblem.hidden = true;
    this.setJoining(false);
    this.startMedia();
    this.loop();
    if (!this.nameInput.value) this.nameInput.focus();
    else this.joinButton.focus();
  }

  /** Hides the lobby; the media stays open for the call. */
  hide() {
    this.view.hidden = true;
    cancelAnimationFrame(this.frame);
    this.meter.attach(null);
    this.preview.srcObject = null;
  }

  /** @param {string} text */
  showJoinProblem(text) {
    this.joinProblem.textContent = text;
    this.joinProblem.hidden = false;
  }

  startMedia() {
    this.starting = this.media.start({ audio: true, video: !this.cameraOff.checked })
      .then(() => this.showProblems());
    return this.starting;
  }

  showTracks() {
    const video = this.media.videoTrack;
    this.preview.srcObject = video ? this.media.stream : null;
    if (video) this.preview.play().catch(() => {});
    this.previewOff.hidden = Boolean(video);
    byId('preview-off-text').textContent = this.cameraOff.checked ? 'Camera is off' : 'No camera';
    this.meter.attach(this.media.audioTrack);
  }

  showProblems() {
    const { audio, video } = this.media.problems;
    this.showTracks();
    if (!audio && !video) {
      this.deviceProblem.hidden = true;
      return;
    }
    const parts = [];
    if (audio && video && audio === video) {
      parts.push(`Camera and microphone: ${REASONS[audio]}`);
    } else {
      if (video) parts.push(`Camera: ${REASONS[video]}`);
      if (audio) parts.push(`Microphone: ${REASONS[audio]}`);
    }
    parts.push(audio ? 'You can still join and see and hear the others.' : 'You can join with audio only.');
    this.deviceProblemText.textContent = parts.join(' ');
    this.audioOnlyButton.hidden = Boolean(audio);
    this.noMediaButton.hidden = false;
    this.deviceProblem.hidden = false;
  }

  /** @param {{cameras: MediaDeviceInfo[], microphones: MediaDeviceInfo[]}} list */
  fillDevices(list) {
    fillSelect(this.cameraSelect, list.cameras, this.media.cameraId, 'Camera', 'No camera found');
    fillSelect(this.microphoneSelect, list.microphones, this.media.microphoneId, 'Microphone',
      'No microphone found');
  }

  async pickCamera() {
    const id = this.cameraSelect.value;
    saveSetting('camera', id);
    await this.media.setCamera(id);
    this.showProblems();
  }

  async pickMicrophone() {
    const id = this.microphoneSelect.value;
    saveSetting('microphone', id);
    await this.media.setMicrophone(id);
    this.showProblems();
  }

  async toggleCamera() {
    await this.media.setVideoOff(this.cameraOff.checked);
    this.showProblems();
  }

  async join() {
    if (this.joining) return;
    const problem = nameProblem(this.nameInput.value);
    if (problem) {
      this.nameMessage.textContent = problem;
      this.nameMessage.hidden = false;
      this.nameInput.focus();
      return;
    }
    const name = this.nameInput.value.trim();
    saveSetting('name', name);
    this.joinProblem.hidden = true;
    this.setJoining(true);
    try {
      await this.starting;
      await this.onJoin({
        name, startMuted: this.startMuted.checked, cameraOff: !this.media.videoTrack,
      });
    } catch (err) {
      this.showJoinProblem(err instanceof Error ? err.message : String(err));
      this.setJoining(false);
    }
  }

  /** @param {boolean} joining */
  setJoining(joining) {
    this.joining = joining;
    this.joinButton.disabled = joining;
    this.joinButton.setAttribute('aria-busy', String(joining));
  }

  loop() {
    cancelAnimationFrame(this.frame);
    const tick = () => {
      const level = this.meter.level();
      this.levelFill.style.transform = `scaleX(${level.toFixed(3)})`;
      const percent = Math.round(level * 10) * 10;
      if (percent !== this.lastLevel) {
        this.lastLevel = percent;
        this.levelBar.setAttribute('aria-valuenow', String(percent));
      }
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }
}

/**
 * @param {HTMLSelectElement} select
 * @param {MediaDeviceInfo[]} devices
 * @param {string | null} currentId
 * @param {string} fallbackLabel
 * @param {string} emptyLabel
 */
function fillSelect(select, devices, currentId, fallbackLabel, emptyLabel) {
  select.replaceChildren();
  if (devices.length === 0) {
    select.append(h('option', { value: '', text: emptyLabel }));
    select.disabled = true;
    return;
  }
  select.disabled = false;
  devices.forEach((d, i) => {
    select.append(h('option', { value: d.deviceId, text: d.label || `${fallbackLabel} ${i + 1}` }));
  });
  if (currentId && devices.some((d) => d.deviceId === currentId)) select.value = currentId;
}
