// @ts-check
/**
 * Peer-to-peer file transfer over each peer's data channel (no DOM; see docs/web-client.md).
 *
 * Control messages are JSON text frames:
 *   {t:'file-offer', id, num, name, size, mime}   sender → receiver
 *   {t:'file-accept', id} | {t:'file-decline', id} receiver → sender
 *   {t:'file-cancel', id}                         either way, any time before the end
 *   {t:'file-end', id, sha256}                    sender → receiver after the last chunk
 *   {t:'file-result', id, ok}                     receiver → sender after checking the hash
 * Data frames are binary: a 4-byte big-endian transfer number (`num` from the offer) followed by
 * up to 16 KiB of file content. The channel is ordered and reliable, so `file-end` arrives after
 * every chunk.
 *
 * Events: `change` transfer (any status or progress change), `incoming` transfer (a new offer).
 */
import { Emitter } from './emitter.js';

/** 16 KiB: the largest message size every WebRTC implementation handles without fragmentation issues. */
export const CHUNK_SIZE = 16 * 1024;
/** The type of every received file's blob: saved, never rendered. */
export const DOWNLOAD_TYPE = 'application/octet-stream';
/** Keep at most this much queued in the channel; then wait for `bufferedamountlow`. */
export const HIGH_WATER = 4 * 1024 * 1024;
export const LOW_WATER = 1024 * 1024;
/** Files are read from disk in blocks of this size and cut into chunks. */
const READ_BLOCK = 1024 * 1024;
/** Progress events at most every 256 KiB, so the UI is not redrawn for every chunk. */
const PROGRESS_STEP = 256 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * @typedef {'offered'|'waiting'|'active'|'verifying'|'done'|'declined'|'cancelled'|'failed'} TransferStatus
 * @typedef {object} Transfer
 * @property {string} id
 * @property {string} peerId
 * @property {'send'|'receive'} direction
 * @property {number} num
 * @property {string} name
 * @property {number} size
 * @property {string} mime
 * @property {TransferStatus} status
 * @property {number} bytes transferred so far
 * @property {string} [error] why it failed
 * @property {File | Blob} [file] sender: the file; receiver: the verified content when done
 * @property {ArrayBuffer[]} [chunks] receiver: content so far
 * @property {Promise<string>} [hash] sender: SHA-256 (hex) of the file
 *
 * @typedef {object} ChannelLike the subset of RTCDataChannel used here
 * @property {string} readyState
 * @property {number} bufferedAmount
 * @property {number} bufferedAmountLowThreshold
 * @property {(data: string | ArrayBuffer | ArrayBufferView) => void} send
 * @property {(type: string, listener: () => void, options?: any) => void} addEventListener
 * @property {(type: string, listener: () => void) => void} removeEventListener
 */

/**
 * @param {ArrayBuffer | Blob} data
 * @returns {Promise<string>} lower-case hex SHA-256
 */
export async function sha256Hex(data) {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function newId() {
  return crypto.randomUUID();
}

export class FileTransfers extends Emitter {
  /**
   * @param {object} options
   * @param {(peerId: string) => ChannelLike | null} options.channel the open channel to a peer
   * @param {number} [options.maxBytes] largest file sent or accepted
   */
  constructor({ channel, maxBytes = DEFAULT_MAX_FILE_BYTES }) {
    super();
    this.channel = channel;
    this.maxBytes = maxBytes;
    /** @type {Map<string, Transfer>} */
    this.transfers = new Map();
    this.nextNum = 1;
  }

  /**
   * Offers a file to a participant.
   * @param {string} peerId
   * @param {File} file
   * @returns {Transfer}
   */
  offer(peerId, file) {
    if (file.size > this.maxBytes) throw new Error(`Files up to ${this.maxBytes} bytes can be sent`);
    const channel = this.channel(peerId);
    if (!channel || channel.readyState !== 'open') throw new Error('Not connected to this participant yet');
    /** @type {Transfer} */
    const transfer = {
      id: newId(), peerId, direction: 'send', num: this.nextNum++, name: file.name || 'file',
      size: file.size, mime: file.type || 'application/octet-stream', status: 'waiting', bytes: 0, file,
    };
    transfer.hash = sha256Hex(file);
    transfer.hash.catch(() => {});
    this.transfers.set(transfer.id, transfer);
    this.sendControl(transfer, {
      t: 'file-offer', id: transfer.id, num: transfer.num, name: transfer.name, size: transfer.size, mime: transfer.mime,
    });
    this.emit('change', transfer);
    return transfer;
  }

  /** @param {string} id */
  accept(id) {
    const transfer = this.transfers.get(id);
    if (!transfer || transfer.direction !== 'receive' || transfer.status !== 'offered') return;
    transfer.chunks = [];
    this.update(transfer, 'active');
    this.sendControl(transfer, { t: 'file-accept', id });
  }

  /** @param {string} id */
  decline(id) {
    const transfer = this.transfers.get(id);
    if (!transfer || transfer.status !== 'offered') return;
    this.update(transfer, 'declined');
    this.sendControl(transfer, { t: 'file-decline', id });
  }

  /** @param {string} id */
  cancel(id) {
    const transfer = this.transfers.get(id);
    if (!transfer || !['offered', 'waiting', 'active'].includes(transfer.status)) return;
    this.release(transfer);
    this.update(transfer, 'cancelled');
    this.sendControl(transfer, { t: 'file-cancel', id });
  }

  /** @param {string} id forgets a finished transfer */
  dismiss(id) {
    const transfer = this.transfers.get(id);
    if (!transfer) return;
    if (['offered', 'waiting', 'active'].includes(transfer.status)) this.cancel(id);
    this.transfers.delete(id);
  }

  /**
   * Handles a frame from a peer's channel.
   * @param {string} peerId
   * @param {string | ArrayBuffer} data
   */
  handleData(peerId, data) {
    if (typeof data === 'string') {
      let message;
      try {
        message = JSON.parse(data);
      } catch {
        return;
      }
      if (message && typeof message === 'object') this.handleControl(peerId, message);
    } else if (data instanceof ArrayBuffer) {
      this.handleChunk(peerId, data);
    }
  }

  /** @param {string} peerId the connection to this peer is gone */
  peerGone(peerId) {
    for (const transfer of this.transfers.values()) {
      if (transfer.peerId !== peerId) continue;
      if (['offered', 'waiting', 'active', 'verifying'].includes(transfer.status)) {
        this.release(transfer);
        transfer.error = 'The connection was lost';
        this.update(transfer, 'failed');
      }
    }
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * @param {string} peerId
   * @param {any} m
   */
  handleControl(peerId, m) {
    if (m.t === 'file-offer') {
      this.received(peerId, m);
      return;
    }
    const transfer = typeof m.id === 'string' ? this.transfers.get(m.id) : undefined;
    if (!transfer || transfer.peerId !== peerId) return;
    const sending = transfer.direction === 'send';
    if (m.t === 'file-accept' && sending && transfer.status === 'waiting') {
      this.update(transfer, 'active');
      this.pump(transfer).catch((err) => this.fail(transfer, String(err?.message ?? err)));
    } else if (m.t === 'file-decline' && sending && transfer.status === 'waiting') {
      this.update(transfer, 'declined');
    } else if (m.t === 'file-cancel' && ['offered', 'waiting', 'active', 'verifying'].includes(transfer.status)) {
      this.release(transfer);
      this.update(transfer, 'cancelled');
    } else if (m.t === 'file-end' && !sending && transfer.status === 'active') {
      this.verify(transfer, String(m.sha256 ?? ''));
    } else if (m.t === 'file-result' && sending && transfer.status === 'verifying') {
      if (m.ok) this.update(transfer, 'done');
      else this.fail(transfer, 'The receiver got a different file (checksum mismatch)');
    }
  }

  /**
   * @param {string} peerId
   * @param {any} m a file-offer
   */
  received(peerId, m) {
    if (typeof m.id !== 'string' || this.transfers.has(m.id)) return;
    const size = Number(m.size);
    const num = Number(m.num);
    if (!Number.isSafeInteger(size) || size < 0 || !Number.isInteger(num) || num < 0 || num > 0xffffffff) return;
    /** @type {Transfer} */
    const transfer = {
      id: m.id, peerId, direction: 'receive', num, name: String(m.name ?? 'file').slice(0, 255),
      size, mime: String(m.mime ?? 'application/octet-stream'), status: 'offered', bytes: 0,
    };
    this.transfers.set(transfer.id, transfer);
    if (size > this.maxBytes) {
      transfer.error = 'The file is larger than the limit';
      this.update(transfer, 'declined');
      this.sendControl(transfer, { t: 'file-decline', id: transfer.id });
      return;
    }
    this.emit('incoming', transfer);
    this.emit('change', transfer);
  }

  /**
   * @param {string} peerId
   * @param {ArrayBuffer} data
   */
  handleChunk(peerId, data) {
    if (data.byteLength < 4) return;
    const num = new DataView(data).getUint32(0);
    let transfer;
    for (const t of this.transfers.values()) {
      if (t.peerId === peerId && t.direction === 'receive' && t.num === num) transfer = t;
    }
    if (!transfer || transfer.status !== 'active' || !transfer.chunks) return;
    const before = transfer.bytes;
    transfer.chunks.push(data.slice(4));
    transfer.bytes += data.byteLength - 4;
    if (transfer.bytes > transfer.size) {
      this.sendControl(transfer, { t: 'file-cancel', id: transfer.id });
      this.fail(transfer, 'More data arrived than announced');
      return;
    }
    if (Math.floor(before / PROGRESS_STEP) !== Math.floor(transfer.bytes / PROGRESS_STEP)) {
      this.emit('change', transfer);
    }
  }

  /**
   * @param {Transfer} transfer
   * @param {string} expected
   */
  async verify(transfer, expected) {
    this.update(transfer, 'verifying');
    if (transfer.bytes !== transfer.size) {
      this.sendControl(transfer, { t: 'file-result', id: transfer.id, ok: false });
      this.fail(transfer, 'The file arrived incomplete');
      return;
    }
    // The sender's declared type is only shown: the saved blob is always opaque bytes, so a file that claims
    // to be text/html or image/svg+xml can never be rendered (and run script) in Parley's origin.
    const blob = new Blob(transfer.chunks ?? [], { type: DOWNLOAD_TYPE });
    transfer.chunks = undefined;
    const actual = await sha256Hex(blob);
    if (transfer.status !== 'verifying') return; // cancelled meanwhile
    const ok = actual === expected.toLowerCase();
    this.sendControl(transfer, { t: 'file-result', id: transfer.id, ok });
    if (!ok) {
      this.fail(transfer, 'The checksum does not match; the file was damaged');
      return;
    }
    transfer.file = blob;
    this.update(transfer, 'done');
  }

  /**
   * Sends the file in chunks, waiting whenever the channel's buffer is full (backpressure).
   * @param {Transfer} transfer
   */
  async pump(transfer) {
    const file = /** @type {Blob} */ (transfer.file);
    const channel = this.channel(transfer.peerId);
    if (!channel) throw new Error('The connection was lost');
    channel.bufferedAmountLowThreshold = LOW_WATER;
    for (let offset = 0; offset < file.size; offset += READ_BLOCK) {
      const block = await file.slice(offset, offset + READ_BLOCK).arrayBuffer();
      for (let at = 0; at < block.byteLength; at += CHUNK_SIZE) {
        if (channel.bufferedAmount > HIGH_WATER) await drained(channel);
        if (transfer.status !== 'active') return;
        if (channel.readyState !== 'open') throw new Error('The connection was lost');
        const chunk = new Uint8Array(block, at, Math.min(CHUNK_SIZE, block.byteLength - at));
        const frame = new Uint8Array(4 + chunk.byteLength);
        new DataView(frame.buffer).setUint32(0, transfer.num);
        frame.set(chunk, 4);
        channel.send(frame.buffer);
        const before = transfer.bytes;
        transfer.bytes += chunk.byteLength;
        if (Math.floor(before / PROGRESS_STEP) !== Math.floor(transfer.bytes / PROGRESS_STEP)) {
          this.emit('change', transfer);
        }
      }
    }
    const sha256 = await /** @type {Promise<string>} */ (transfer.hash);
    if (transfer.status !== 'active') return;
    this.sendControl(transfer, { t: 'file-end', id: transfer.id, sha256 });
    this.update(transfer, 'verifying');
  }

  /**
   * @param {Transfer} transfer
   * @param {object} message
   */
  sendControl(transfer, message) {
    const channel = this.channel(transfer.peerId);
    if (channel?.readyState !== 'open') return;
    try {
      channel.send(JSON.stringify(message));
    } catch {
      // the channel closed meanwhile; peerGone reports it
    }
  }

  /**
   * @param {Transfer} transfer
   * @param {TransferStatus} status
   */
  update(transfer, status) {
    transfer.status = status;
    this.emit('change', transfer);
  }

  /**
   * @param {Transfer} transfer
   * @param {string} error
   */
  fail(transfer, error) {
    if (['done', 'declined', 'cancelled', 'failed'].includes(transfer.status)) return;
    this.release(transfer);
    transfer.error = error;
    this.update(transfer, 'failed');
  }

  /** @param {Transfer} transfer drops received data that will not be used */
  release(transfer) {
    if (transfer.direction === 'receive') transfer.chunks = undefined;
  }
}

/**
 * Resolves when the channel's buffer falls to its low-water mark (or the channel closes).
 * @param {ChannelLike} channel
 * @returns {Promise<void>}
 */
function drained(channel) {
  return new Promise((resolve) => {
    const done = () => {
      channel.removeEventListener('bufferedamountlow', done);
      channel.removeEventListener('close', done);
      resolve();
    };
    channel.addEventListener('bufferedamountlow', done);
    channel.addEventListener('close', done);
  });
}
