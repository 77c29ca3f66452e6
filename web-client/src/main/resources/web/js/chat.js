// @ts-check
/**
 * The chat panel: history and live messages (sender, time, text with clickable links),
 * an input labelled "Message", Enter or "Send" to send, and "Show earlier messages" while the
 * server holds older history than `joined` carried (it pages with `chat-history`). At most
 * {@link MAX_SHOWN} messages stay in the page: a busy room cannot grow it without bound.
 */
import { h } from './dom.js';
import { formatTime } from './format.js';
import { linkify } from './linkify.js';

/** @typedef {import('./protocol.js').ChatMessage} ChatMessage */

/** Messages kept in the list; older ones are removed as new ones arrive. */
export const MAX_SHOWN = 300;

export class ChatPanel {
  /**
   * @param {object} options
   * @param {HTMLOListElement} options.list
   * @param {HTMLFormElement} options.form
   * @param {HTMLInputElement} options.input
   * @param {(text: string) => void} options.onSend
   * @param {(beforeId: string) => void} [options.onLoadEarlier] asks the server for older messages
   */
  constructor({ list, form, input, onSend, onLoadEarlier }) {
    this.list = list;
    this.input = input;
    /** @type {Set<string>} */
    this.seen = new Set();
    this.maxLength = 4096;
    /** Whether the server has older messages than the oldest shown. */
    this.more = false;
    this.earlier = h('button', {
      class: 'btn btn-small btn-quiet chat-earlier', type: 'button', text: 'Show earlier messages',
      onclick: () => {
        const oldest = /** @type {HTMLElement|null} */ (this.list.firstElementChild)?.dataset.id;
        if (oldest && onLoadEarlier) onLoadEarlier(oldest);
      },
    });
    this.earlier.hidden = true;
    list.before(this.earlier);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = input.value.replace(/\s+$/, '');
      if (text.trim().length === 0 || text.length > this.maxLength) return;
      onSend(text);
      input.value = '';
      input.focus();
    });
  }

  /** @param {number} max chat text limit from `joined.limits` */
  setMaxLength(max) {
    this.maxLength = max;
    this.input.maxLength = max;
  }

  /**
   * Shows a message once (history and live messages may overlap after a resume).
   * @param {ChatMessage} message
   * @param {string} selfId
   * @returns {boolean} true when the message is new
   */
  add(message, selfId) {
    if (this.seen.has(message.id)) return false;
    this.seen.add(message.id);
    const nearBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
    const own = message.from === selfId;
    this.list.append(this.item(message, own));
    while (this.list.children.length > MAX_SHOWN) this.dropOldest();
    if (nearBottom || own) this.list.scrollTop = this.list.scrollHeight;
    this.showEarlier();
    return true;
  }

  /**
   * Older messages from a `chat-history` page (oldest first), put above those shown.
   * @param {ChatMessage[]} messages
   * @param {boolean} more the server has older ones still
   * @param {string} selfId
   */
  prepend(messages, more, selfId) {
    // Newest first, each on top: if the list fills up, what is left out is the oldest, so no gap opens.
    let skipped = false;
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i];
      if (this.list.children.length >= MAX_SHOWN) {
        skipped = true;
        break;
      }
      if (this.seen.has(message.id)) continue;
      this.seen.add(message.id);
      this.list.insertBefore(this.item(message, message.from === selfId), this.list.firstElementChild);
    }
    this.setMore(more || skipped);
  }

  /** @param {boolean} more the server holds messages older than the oldest shown */
  setMore(more) {
    this.more = more;
    this.showEarlier();
  }

  clear() {
    this.seen.clear();
    this.list.replaceChildren();
    this.setMore(false);
  }

  /** @param {ChatMessage} message @param {boolean} own */
  item(message, own) {
    const time = h('time', { datetime: new Date(message.ts).toISOString(), text: formatTime(message.ts) });
    const text = h('p', { class: 'chat-text' });
    text.append(linkify(message.text));
    const li = h('li', { class: own ? 'chat-message own' : 'chat-message' },
      h('div', { class: 'chat-meta' }, h('span', { class: 'chat-author', text: own ? `${message.name} (you)` : message.name }), time),
      text);
    li.dataset.id = message.id;
    return li;
  }

  dropOldest() {
    const first = /** @type {HTMLElement|null} */ (this.list.firstElementChild);
    if (!first) return;
    if (first.dataset.id) this.seen.delete(first.dataset.id);
    first.remove();
    this.more = true;
  }

  showEarlier() {
    this.earlier.hidden = !this.more || this.list.children.length >= MAX_SHOWN;
  }

  focus() {
    this.input.focus();
  }
}
