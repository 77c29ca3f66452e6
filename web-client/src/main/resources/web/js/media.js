// @ts-check
/**
 * Local camera and microphone: acquisition with fallbacks, device lists, switching devices,
 * muting. One persistent MediaStream (`stream`) holds the current tracks so previews and
 * peer connections keep a stable stream id while tracks come and go.
 *
 * Events: `track` {kind: 'audio'|'video', track: MediaStreamTrack|null} whenever the track of a
 * kind is replaced, started or stopped; `devices` {cameras, microphones} when the device list
 * changes.
 */
import { Emitter } from './emitter.js';

/**
 * Why a kind of media is unavailable.
 * @typedef {'denied'|'missing'|'busy'|'insecure'|'failed'} MediaProblem
 */

/** 1280x720 is requested but not required; a mesh peer sends it once per remote participant. */
const VIDEO_CONSTRAINTS = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
const AUDIO_CONSTRAINTS = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * @param {unknown} err
 * @returns {MediaProblem}
 */
export function classifyMediaError(err) {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return 'denied';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return 'missing';
  }
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy';
  if (!globalThis.isSecureContext) return 'insecure';
  return 'failed';
}

export class LocalMedia extends Emitter {
  constructor() {
    super();
    this.stream = new MediaStream();
    /** @type {string | null} */
    this.cameraId = null;
    /** @type {string | null} */
    this.microphoneId = null;
    this.audioMuted = false;
    /** @type {{audio: MediaProblem | null, video: MediaProblem | null}} */
    this.problems = { audio: null, video: null };
    this.onDeviceChange = () => this.refreshDevices();
    navigator.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
  }

  /** @returns {MediaStreamTrack | null} */
  get audioTrack() {
    return this.stream.getAudioTracks()[0] ?? null;
  }

  /** @returns {MediaStreamTrack | null} */
  get videoTrack() {
    return this.stream.getVideoTracks()[0] ?? null;
  }

  /**
   * Opens camera and/or microphone. When both are asked for and that fails, each is tried on
   * its own, so a missing camera still leaves a working microphone (and the reverse).
   * @param {{audio: boolean, video: boolean}} wanted
   * @returns {Promise<{audio: MediaProblem | null, video: MediaProblem | null}>}
   */
  async start(wanted) {
    this.problems = { audio: null, video: null };
    if (!navigator.mediaDevices?.getUserMedia) {
      const problem = globalThis.isSecureContext ? 'missing' : 'insecure';
      this.problems = { audio: wanted.audio ? problem : null, video: wanted.video ? problem : null };
      return this.problems;
    }
    if (wanted.audio && wanted.video) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          audio: this.audioConstraints(false), video: this.videoConstraints(false),
        });
        this.adopt('audio', stream.getAudioTracks()[0] ?? null);
        this.adopt('video', stream.getVideoTracks()[0] ?? null);
        await this.refreshDevices();
        return this.problems;
      } catch {
        // fall through: find out which of the two is the problem
      }
    }
    if (wanted.audio) await this.open('audio', false);
    if (wanted.video) await this.open('video', false);
    await this.refreshDevices();
    return this.problems;
  }

  /**
   * Switches to another camera (or turns the camera on with it).
   * @param {string} deviceId
   */
  async setCamera(deviceId) {
    this.cameraId = deviceId;
    if (this.videoTrack) await this.open('video', true);
  }

  /** @param {string} deviceId */
  async setMicrophone(deviceId) {
    this.microphoneId = deviceId;
    if (this.audioTrack) await this.open('audio', true);
  }

  /**
   * Mutes by disabling the track: silence is sent and unmuting is instant.
   * @param {boolean} muted
   */
  setAudioMuted(muted) {
    this.audioMuted = muted;
    const track = this.audioTrack;
    if (track) track.enabled = !muted;
  }

  /**
   * Turning the camera off releases it (its light goes out); turning it on opens it again.
   * @param {boolean} off
   * @returns {Promise<MediaProblem | null>}
   */
  async setVideoOff(off) {
    if (off) {
      this.adopt('video', null);
      return null;
    }
    if (this.videoTrack) return null;
    await this.open('video', false);
    return this.problems.video;
  }

  /**
   * @returns {Promise<{cameras: MediaDeviceInfo[], microphones: MediaDeviceInfo[]}>}
   */
  async refreshDevices() {
    let devices = [];
    try {
      devices = await navigator.mediaDevices.enumerateDevices();
    } catch {
      // no device list available
    }
    const list = {
      cameras: devices.filter((d) => d.kind === 'videoinput' && d.deviceId),
      microphones: devices.filter((d) => d.kind === 'audioinput' && d.deviceId),
    };
    this.emit('devices', list);
    return list;
  }

  /** Stops every track and forgets the device listener. */
  stop() {
    this.adopt('audio', null);
    this.adopt('video', null);
  }

  dispose() {
    this.stop();
    navigator.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * @param {'audio'|'video'} kind
   * @param {boolean} exact true when the person picked the device explicitly
   */
  async open(kind, exact) {
    try {
      const constraints = kind === 'audio'
        ? { audio: this.audioConstraints(exact) }
        : { video: this.videoConstraints(exact) };
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      const track = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
      this.problems[kind] = null;
      this.adopt(kind, track ?? null);
    } catch (err) {
      this.problems[kind] = classifyMediaError(err);
    }
  }

  /** @param {boolean} exact */
  audioConstraints(exact) {
    if (!this.microphoneId) return AUDIO_CONSTRAINTS;
    return { ...AUDIO_CONSTRAINTS, deviceId: exact ? { exact: this.microphoneId } : { ideal: this.microphoneId } };
  }

  /** @param {boolean} exact */
  videoConstraints(exact) {
    if (!this.cameraId) return VIDEO_CONSTRAINTS;
    return { ...VIDEO_CONSTRAINTS, deviceId: exact ? { exact: this.cameraId } : { ideal: this.cameraId } };
  }

  /**
   * Makes `track` the current track of its kind, stopping the previous one.
   * @param {'audio'|'video'} kind
   * @param {MediaStreamTrack | null} track
   */
  adopt(kind, track) {
    const old = kind === 'audio' ? this.audioTrack : this.videoTrack;
    if (old === track) return;
    if (old) {
      this.stream.removeTrack(old);
      old.stop();
    }
    if (track) {
      if (kind === 'audio') track.enabled = !this.audioMuted;
      this.stream.addTrack(track);
      const id = track.getSettings().deviceId;
      if (id) {
        if (kind === 'audio') this.microphoneId = id;
        else this.cameraId = id;
      }
    }
    this.emit('track', { kind, track });
  }
}
