// @ts-check
/**
 * The other participants of the room as the server reports them.
 * Events: `added` participant, `updated` {participant, previous}, `removed` participant,
 * `reset` (the whole list was replaced).
 */
import { Emitter } from './emitter.js';

/** @typedef {import('./protocol.js').Participant} Participant */

const DEFAULT_STATE = Object.freeze({
  audioMuted: false, videoMuted: false, screenSharing: false, handRaised: false,
});

/**
 * @param {any} p a participant object from the server
 * @returns {Participant}
 */
function normalize(p) {
  return {
    id: String(p.id),
    name: String(p.name ?? ''),
    connected: p.connected !== false,
    state: { ...DEFAULT_STATE, ...(p.state ?? {}) },
  };
}

export class Roster extends Emitter {
  constructor() {
    super();
    /** @type {Map<string, Participant>} */
    this.participants = new Map();
  }

  /** @param {any[]} list */
  reset(list) {
    this.participants.clear();
    for (const p of list) {
      const participant = normalize(p);
      this.participants.set(participant.id, participant);
    }
    this.emit('reset');
  }

  /** @param {any} p */
  upsert(p) {
    const participant = normalize(p);
    const previous = this.participants.get(participant.id);
    this.participants.set(participant.id, participant);
    if (previous) this.emit('updated', { participant, previous });
    else this.emit('added', participant);
  }

  /** @param {string} id */
  remove(id) {
    const participant = this.participants.get(id);
    if (!participant) return;
    this.participants.delete(id);
    this.emit('removed', participant);
  }

  /** @param {string} id */
  get(id) {
    return this.participants.get(id) ?? null;
  }

  /** @returns {Participant[]} */
  all() {
    return [...this.participants.values()];
  }
}
