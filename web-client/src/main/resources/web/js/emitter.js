// @ts-check
/**
 * A minimal synchronous event emitter, shared by the non-DOM modules.
 * Listeners run in registration order; a throwing listener does not stop the others.
 */
export class Emitter {
  constructor() {
    /** @type {Map<string, Set<(detail: any) => void>>} */
    this.listeners = new Map();
  }

  /**
   * Registers a listener.
   * @param {string} type
   * @param {(detail: any) => void} listener
   * @returns {() => void} a function that removes the listener
   */
  on(type, listener) {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
    return () => this.off(type, listener);
  }

  /**
   * @param {string} type
   * @param {(detail: any) => void} listener
   */
  off(type, listener) {
    this.listeners.get(type)?.delete(listener);
  }

  /**
   * @param {string} type
   * @param {any} [detail]
   */
  emit(type, detail) {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(detail);
      } catch (err) {
        // A faulty listener must not break signaling; report and continue.
        console.error(`listener for "${type}" failed`, err);
      }
    }
  }
}
