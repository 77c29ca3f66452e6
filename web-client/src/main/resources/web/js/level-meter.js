// @ts-check
/**
 * Measures the level of a local audio track with a Web Audio AnalyserNode.
 * Browsers may start an AudioContext suspended until the person interacts with the page; the
 * meter then resumes it on the first pointer or key press.
 */

/** Levels below -60 dBFS read as silence; 0 dBFS reads as 1. */
const FLOOR_DB = -60;

export class LevelMeter {
  constructor() {
    /** @type {AudioContext | null} */
    this.context = null;
    /** @type {AnalyserNode | null} */
    this.analyser = null;
    /** @type {MediaStreamAudioSourceNode | null} */
    this.source = null;
    /** @type {Float32Array | null} */
    this.samples = null;
    this.resumeOnGesture = () => {
      this.context?.resume().catch(() => {});
    };
  }

  /**
   * Measures `track` from now on (null: measure nothing).
   * @param {MediaStreamTrack | null} track
   */
  attach(track) {
    this.source?.disconnect();
    this.source = null;
    if (!track) return;
    const context = this.ensureContext();
    if (!context || !this.analyser) return;
    this.source = context.createMediaStreamSource(new MediaStream([track]));
    this.source.connect(this.analyser);
  }

  /**
   * @returns {number} current level in [0, 1] on a logarithmic (dB) scale
   */
  level() {
    if (!this.analyser || !this.samples || !this.source) return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const s of this.samples) sum += s * s;
    const rms = Math.sqrt(sum / this.samples.length);
    if (rms <= 0) return 0;
    const db = 20 * Math.log10(rms);
    return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
  }

  close() {
    this.source?.disconnect();
    this.source = null;
    this.context?.close().catch(() => {});
    this.context = null;
    this.analyser = null;
    removeEventListener('pointerdown', this.resumeOnGesture, true);
    removeEventListener('keydown', this.resumeOnGesture, true);
  }

  /** @returns {AudioContext | null} */
  ensureContext() {
    if (this.context) return this.context;
    const Ctor = globalThis.AudioContext;
    if (!Ctor) return null;
    this.context = new Ctor();
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    if (this.context.state === 'suspended') {
      addEventListener('pointerdown', this.resumeOnGesture, true);
      addEventListener('keydown', this.resumeOnGesture, true);
    }
    return this.context;
  }
}
