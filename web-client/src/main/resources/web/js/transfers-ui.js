// @ts-check
/**
 * Cards for file transfers in both directions: name and size, Accept/Decline for offers,
 * a progress bar, Cancel, and a save link once the file is verified.
 */
import { h } from './dom.js';
import { formatBytes } from './format.js';

/** @typedef {import('./file-transfer.js').Transfer} Transfer */

const FINISHED = ['done', 'declined', 'cancelled', 'failed'];

export class TransfersView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container
   * @param {import('./file-transfer.js').FileTransfers} options.transfers
   * @param {(id: string) => string} options.nameOf participant name for an id
   */
  constructor({ container, transfers, nameOf }) {
    this.container = container;
    this.transfers = transfers;
    this.nameOf = nameOf;
    /** @type {Map<string, {card: HTMLElement, url?: string}>} */
    this.cards = new Map();
    transfers.on('change', (t) => this.render(t));
  }

  /** @param {Transfer} t */
  render(t) {
    let entry = this.cards.get(t.id);
    if (!entry) {
      entry = { card: h('div', { class: 'transfer card', role: 'group', 'aria-label': `File ${t.name}` }) };
      this.cards.set(t.id, entry);
      this.container.append(entry.card);
    }
    const who = this.nameOf(t.peerId);
    const heading = t.direction === 'send' ? `To ${who}` : `From ${who}`;
    const progress = h('progress', { max: String(Math.max(1, t.size)), value: String(t.bytes), 'aria-label': `Progress of ${t.name}` });
    const actions = h('div', { class: 'transfer-actions' });
    if (t.direction === 'receive' && t.status === 'offered') {
      actions.append(
        h('button', { class: 'btn btn-small btn-primary', type: 'button', text: 'Accept', onclick: () => this.transfers.accept(t.id) }),
        h('button', { class: 'btn btn-small', type: 'button', text: 'Decline', onclick: () => this.transfers.decline(t.id) }));
    } else if (['waiting', 'active'].includes(t.status)) {
      actions.append(h('button', { class: 'btn btn-small', type: 'button', text: 'Cancel', onclick: () => this.transfers.cancel(t.id) }));
    }
    if (t.direction === 'receive' && t.status === 'done' && t.file) {
      entry.url ??= URL.createObjectURL(t.file);
      actions.append(h('a', { class: 'btn btn-small btn-primary', href: entry.url, download: t.name, text: `Save ${t.name}` }));
    }
    if (FINISHED.includes(t.status)) {
      actions.append(h('button', { class: 'btn btn-small btn-quiet', type: 'button', text: 'Dismiss', onclick: () => this.dismiss(t.id) }));
    }
    entry.card.dataset.status = t.status;
    entry.card.replaceChildren(
      h('div', { class: 'transfer-head' },
        h('span', { class: 'transfer-name', text: t.name }),
        h('span', { class: 'transfer-size', text: formatBytes(t.size) })),
      h('div', { class: 'transfer-who', text: heading }),
      progress,
      h('div', { class: 'transfer-status', text: statusText(t) }),
      actions);
  }

  /** @param {string} id */
  dismiss(id) {
    const entry = this.cards.get(id);
    if (entry?.url) URL.revokeObjectURL(entry.url);
    entry?.card.remove();
    this.cards.delete(id);
    this.transfers.dismiss(id);
  }

  clear() {
    for (const id of [...this.cards.keys()]) this.dismiss(id);
  }
}

/** @param {Transfer} t */
function statusText(t) {
  const percent = t.size > 0 ? Math.floor((100 * t.bytes) / t.size) : 100;
  switch (t.status) {
    case 'offered': return 'Wants to send you this file';
    case 'waiting': return 'Waiting for them to accept…';
    case 'active': return `${percent} % (${formatBytes(t.bytes)})`;
    case 'verifying': return 'Checking the SHA-256 checksum…';
    case 'done': return t.direction === 'send' ? 'Delivered and verified' : 'Received and verified';
    case 'declined': return t.error ?? (t.direction === 'send' ? 'They declined the file' : 'Declined');
    case 'cancelled': return 'Cancelled';
    case 'failed': return `Failed: ${t.error ?? 'unknown error'}`;
    default: return '';
  }
}
