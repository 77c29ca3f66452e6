// @ts-check
import { h } from './dom.js';

/**
 * Short notices ("Bob joined", "Invite link copied") in a polite live region, and the
 * connection banner ("Reconnecting…").
 */
export class Notices {
  /**
   * @param {HTMLElement} toastRegion container with role=status
   * @param {HTMLElement} banner element shown while the signaling socket is down
   */
  constructor(toastRegion, banner) {
    this.toastRegion = toastRegion;
    this.banner = banner;
  }

  /**
   * @param {string} text
   * @param {{timeoutMs?: number, action?: {label: string, run: () => void}}} [options]
   * @returns {() => void} removes the notice
   */
  toast(text, options = {}) {
    const item = h('div', { class: 'toast' }, h('span', { text }));
    const remove = () => item.remove();
    if (options.action) {
      const { label, run } = options.action;
      item.append(h('button', { class: 'btn btn-small', type: 'button', text: label, onclick: () => { remove(); run(); } }));
    }
    this.toastRegion.append(item);
    while (this.toastRegion.childElementCount > 4) this.toastRegion.firstElementChild?.remove();
    if (options.timeoutMs !== 0) setTimeout(remove, options.timeoutMs ?? 4000);
    return remove;
  }

  /** @param {string | null} text null hides the banner */
  setBanner(text) {
    this.banner.hidden = text === null;
    if (text !== null) this.banner.textContent = text;
  }
}
