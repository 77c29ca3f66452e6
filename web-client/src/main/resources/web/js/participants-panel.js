// @ts-check
/**
 * The participants panel: everyone in the room with microphone/camera state, and a button to
 * send a file to each of the others.
 */
import { h } from './dom.js';
import { icon } from './icons.js';

/** @typedef {import('./protocol.js').Participant} Participant */

export class ParticipantsPanel {
  /**
   * @param {object} options
   * @param {HTMLUListElement} options.list
   * @param {HTMLElement} options.title
   * @param {(id: string) => void} options.onSendFile
   */
  constructor({ list, title, onSendFile }) {
    this.list = list;
    this.title = title;
    this.onSendFile = onSendFile;
  }

  /**
   * @param {Participant} self
   * @param {Participant[]} others
   * @param {(id: string) => boolean} canSend whether the data channel to a participant is open
   */
  render(self, others, canSend) {
    this.title.textContent = `Participants (${others.length + 1})`;
    const sorted = [...others].sort((a, b) => a.name.localeCompare(b.name));
    this.list.replaceChildren(this.row(self, true, false), ...sorted.map((p) => this.row(p, false, canSend(p.id))));
  }

  /**
   * @param {Participant} p
   * @param {boolean} self
   * @param {boolean} canSend
   */
  row(p, self, canSend) {
    const notes = [];
    if (p.state.audioMuted) notes.push('muted');
    if (p.state.videoMuted) notes.push('camera off');
    if (p.state.screenSharing) notes.push('sharing screen');
    if (!p.connected) notes.push('reconnecting');
    const item = h('li', { class: 'participant', dataset: { participantId: p.id } },
      h('span', { class: 'participant-icons', 'aria-hidden': 'true' },
        icon(p.state.audioMuted ? 'mic-off' : 'mic'), icon(p.state.videoMuted ? 'camera-off' : 'camera')),
      h('span', { class: 'participant-name', text: self ? `${p.name} (you)` : p.name }),
      h('span', { class: 'participant-notes', text: notes.join(', ') }));
    if (!self) {
      item.append(h('button', {
        class: 'icon-btn', type: 'button', 'aria-label': `Send a file to ${p.name}`,
        title: canSend ? `Send a file to ${p.name}` : 'Connecting…', disabled: !canSend,
        onclick: () => this.onSendFile(p.id),
      }, icon('file')));
    }
    return item;
  }
}
