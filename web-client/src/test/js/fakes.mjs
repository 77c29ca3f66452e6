// Test doubles for protocol.js: a scriptable WebSocket and manually advanced timers.

export class FakeSocket {
  /** @type {FakeSocket[]} */
  static instances = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closedWith = undefined;
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    FakeSocket.instances.push(this);
  }

  static reset() {
    FakeSocket.instances = [];
  }

  static last() {
    return FakeSocket.instances[FakeSocket.instances.length - 1];
  }

  send(data) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data));
  }

  close(code) {
    this.readyState = 3;
    this.closedWith = code ?? 1000;
  }

  // ---- driven by the test, playing the server ----
  serverOpen() {
    this.readyState = 1;
    this.onopen?.({});
  }

  deliver(message) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  serverClose(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  sentOfType(type) {
    return this.sent.filter((m) => m.type === type);
  }
}

export class FakeTimers {
  constructor() {
    this.now = 0;
    this.seq = 0;
    this.timers = new Map();
  }

  setTimeout(fn, ms) {
    const id = ++this.seq;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }

  clearTimeout(id) {
    this.timers.delete(id);
  }

  setInterval(fn, ms) {
    const id = ++this.seq;
    this.timers.set(id, { at: this.now + ms, fn, every: ms });
    return id;
  }

  clearInterval(id) {
    this.timers.delete(id);
  }

  /** Runs every timer due within the next `ms` milliseconds, in time order. */
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      let next = null;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      }
      if (!next) break;
      const [id, timer] = next;
      this.now = timer.at;
      if (timer.every) timer.at += timer.every;
      else this.timers.delete(id);
      timer.fn();
    }
    this.now = end;
  }
}

/** Lets pending promise callbacks run. */
export function flush() {
  return new Promise((resolve) => setImmediate(resolve));
}
