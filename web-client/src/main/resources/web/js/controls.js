// @ts-check
/**
 * The control bar. Every control is a real button whose accessible name is its visible label
 * and says what pressing it does ("Mute microphone" / "Unmute microphone"). Shortcuts: M toggles
 * the microphone, V the camera (not while typing).
 */
import { h } from './dom.js';
import { icon } from './icons.js';

/**
 * @typedef {object} ControlHandlers
 * @property {() => void} toggleAudio
 * @property {() => void} toggleVideo
 * @property {() => void} toggleScreen
 * @property {() => void} toggleChat
 * @property {() => void} toggleParticipants
 * @property {() => void} copyInvite
 * @property {() => void} leave
 */

export class Controls {
  /**
   * @param {HTMLElement} nav
   * @param {ControlHandlers} handlers
   */
  constructor(nav, handlers) {
    this.handlers = handlers;
    this.audio = this.button('mic', 'Mute microphone', handlers.toggleAudio, 'M');
    this.video = this.button('camera', 'Turn off camera', handlers.toggleVideo, 'V');
    this.screen = this.button('screen', 'Share screen', handlers.toggleScreen);
    this.chat = this.button('chat', 'Chat', handlers.toggleChat);
    this.participants = this.button('people', 'Participants', handlers.toggleParticipants);
    this.invite = this.button('link', 'Copy invite link', handlers.copyInvite);
    this.leave = this.button('leave', 'Leave', handlers.leave);
    this.leave.classList.add('ctl-leave');
    this.badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
    this.chat.append(this.badge);
    this.chat.setAttribute('aria-controls', 'chat-panel');
    this.participants.setAttribute('aria-controls', 'participants-panel');
    this.chat.setAttribute('aria-expanded', 'false');
    this.participants.setAttribute('aria-expanded', 'false');
    this.screen.hidden = !navigator.mediaDevices?.getDisplayMedia;
    nav.replaceChildren(
      h('div', { class: 'ctl-group' }, this.audio, this.video, this.screen),
      h('div', { class: 'ctl-group' }, this.chat, this.participants, this.invite),
      h('div', { class: 'ctl-group' }, this.leave));
    this.onKey = (/** @type {KeyboardEvent} */ e) => this.shortcut(e);
  }

  /** @param {boolean} muted */
  setAudioMuted(muted) {
    this.setLabel(this.audio, muted ? 'mic-off' : 'mic', muted ? 'Unmute microphone' : 'Mute microphone');
    this.audio.classList.toggle('ctl-off', muted);
  }

  /** @param {boolean} available false when there is no microphone at all */
  setAudioAvailable(available) {
    this.audio.disabled = !available;
  }

  /** @param {boolean} off */
  setVideoOff(off) {
    this.setLabel(this.video, off ? 'camera-off' : 'camera', off ? 'Turn on camera' : 'Turn off camera');
    this.video.classList.toggle('ctl-off', off);
  }

  /** @param {boolean} sharing */
  setSharing(sharing) {
    this.setLabel(this.screen, sharing ? 'screen-off' : 'screen', sharing ? 'Stop sharing' : 'Share screen');
    this.screen.classList.toggle('ctl-active', sharing);
  }

  /** @param {'chat'|'participants'|null} panel the open side panel */
  setPanel(panel) {
    this.chat.setAttribute('aria-expanded', String(panel === 'chat'));
    this.participants.setAttribute('aria-expanded', String(panel === 'participants'));
    this.chat.classList.toggle('ctl-active', panel === 'chat');
    this.participants.classList.toggle('ctl-active', panel === 'participants');
  }

  /** @param {number} count unread chat messages */
  setUnread(count) {
    this.badge.hidden = count === 0;
    this.badge.textContent = count === 0 ? '' : count > 99 ? '99+' : String(count);
  }

  enableShortcuts() {
    document.addEventListener('keydown', this.onKey);
  }

  disableShortcuts() {
    document.removeEventListener('keydown', this.onKey);
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * @param {string} iconName
   * @param {string} label
   * @param {() => void} onClick
   * @param {string} [key] keyboard shortcut
   */
  button(iconName, label, onClick, key) {
    const button = h('button', { class: 'ctl', type: 'button', onclick: onClick },
      icon(iconName), h('span', { class: 'ctl-label', text: label }));
    if (key) {
      button.setAttribute('aria-keyshortcuts', key);
      button.dataset.shortcut = key;
    }
    return button;
  }

  /**
   * @param {HTMLButtonElement} button
   * @param {string} iconName
   * @param {string} label
   */
  setLabel(button, iconName, label) {
    button.querySelector('svg')?.replaceWith(icon(iconName));
    const span = button.querySelector('.ctl-label');
    if (span) span.textContent = label;
  }

  /** @param {KeyboardEvent} e */
  shortcut(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.defaultPrevented) return;
    const target = /** @type {HTMLElement | null} */ (e.target);
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    const key = e.key.toLowerCase();
    if (key === 'm' && !this.audio.disabled) {
      e.preventDefault();
      this.handlers.toggleAudio();
    } else if (key === 'v') {
      e.preventDefault();
      this.handlers.toggleVideo();
    }
  }
}
