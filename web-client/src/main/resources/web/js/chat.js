// @ts-check
/**
 * The chat panel: history and live messages (sender, time, text with clickable links),
 * an input labelled "Message", Enter or "Send" to send.
 */
import { h } from './dom.js';
import { formatTime } from './format.js';
import { linkify } from './linkify.js';

/** @typedef {import('./protocol.js').ChatMessage} ChatMessage */

export class ChatPanel {
  /**
   * @param {object} options
   * @param {HTMLOListElement} options.list
   * @param {HTMLFormElement} options.form
   * @param {HTMLInputElement} options.input
   * @param {(text: string) => void} options.onSend
   */
  constructor({ list, form, input, onSend }) {
    this.list = list;
    this.input = input;
    /** @type {Set<string>} */
    this.seen = new Set();
    this.maxLength = 4096;
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
    const time = h('time', { datetime: new Date(message.ts).toISOString(), text: formatTime(message.ts) });
    const text = h('p', { class: 'chat-text' });
    text.append(linkify(message.text));
    this.list.append(h('li', { class: own ? 'chat-message own' : 'chat-message' },
      h('div', { class: 'chat-meta' }, h('span', { class: 'chat-author', text: own ? `${message.name} (you)` : message.name }), time),
      text));
    if (nearBottom || own) this.list.scrollTop = this.list.scrollHeight;
    return true;
  }

  clear() {
    this.seen.clear();
    this.list.replaceChildren();
  }

  focus() {
    this.input.focus();
  }
}
