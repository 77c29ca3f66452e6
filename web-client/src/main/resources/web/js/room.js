// @ts-check
/**
 * Entry point of /r/<room>: lobby → call → "You left the room" (→ Rejoin), plus the final
 * problem view. Exposes read-only debug accessors, `window.parley.peerConnections()` (the mesh)
 * and `window.parley.sfuConnection()` (see docs/web-client.md).
 */
import { byId, showOnly } from './dom.js';
import { Lobby } from './lobby.js';
import { LocalMedia } from './media.js';
import { Meeting } from './meeting.js';
import { SignalingClient, SignalingError, signalingUrl } from './protocol.js';
import { roomFromLocation } from './room-name.js';
import { loadSetting } from './settings.js';

const views = ['lobby-view', 'call-view', 'left-view', 'problem-view'].map((id) => byId(id));

/**
 * @param {string} title
 * @param {string} text
 * @param {(() => void) | null} retry
 */
function showProblem(title, text, retry) {
  byId('problem-title').textContent = title;
  byId('problem-text').textContent = text;
  const button = byId('problem-retry');
  button.hidden = retry === null;
  button.onclick = retry;
  showOnly(views, byId('problem-view'));
}

/**
 * A sentence for a failed join.
 * @param {unknown} err
 */
function joinErrorText(err) {
  if (!(err instanceof SignalingError)) return 'Joining failed. Please try again.';
  switch (err.code) {
    case 'unreachable':
      return 'The Parley server cannot be reached. Check your network connection and try again.';
    case 'room-full':
      return `This room is full. ${err.message}`.trim();
    case 'bad-name':
      return 'That name cannot be used. Use 1 to 40 visible characters.';
    case 'bad-room-name':
      return 'This room name is not valid.';
    default:
      return err.message || 'Joining failed. Please try again.';
  }
}

function main() {
  const room = roomFromLocation(location);
  if (!room) {
    showProblem('No such room', 'Room names use letters, digits, “-” and “_” (at most 64).', null);
    return;
  }
  document.title = `${room} – Parley`;
  const media = new LocalMedia();
  media.cameraId = loadSetting('camera');
  media.microphoneId = loadSetting('microphone');
  const client = new SignalingClient({ url: signalingUrl(location) });
  /** @type {import('./lobby.js').JoinChoice | null} */
  let lastChoice = null;

  const meeting = new Meeting({
    client, media, room,
    onLeft: () => {
      byId('left-room').textContent = `Room ${room}`;
      showOnly(views, byId('left-view'));
      byId('rejoin').focus();
    },
    onEnded: (title, text) => showProblem(title, text, () => location.reload()),
  });

  /** @param {import('./lobby.js').JoinChoice} choice */
  async function join(choice) {
    lastChoice = choice;
    let joined;
    try {
      joined = await client.join(room, choice.name, { audioMuted: choice.startMuted, videoMuted: choice.cameraOff });
    } catch (err) {
      throw new Error(joinErrorText(err));
    }
    lobby.hide();
    showOnly(views, byId('call-view'));
    meeting.start(joined, choice);
  }

  const lobby = new Lobby({ room, media, onJoin: join });

  byId('rejoin').addEventListener('click', async () => {
    const choice = lastChoice;
    if (!choice) return;
    const button = /** @type {HTMLButtonElement} */ (byId('rejoin'));
    button.disabled = true;
    try {
      await media.start({ audio: true, video: !choice.cameraOff });
      await join(choice);
    } catch (err) {
      showOnly(views, byId('lobby-view'));
      lobby.show();
      lobby.showJoinProblem(err instanceof Error ? err.message : String(err));
    } finally {
      button.disabled = false;
    }
  });

  // Tell the room right away instead of leaving a frozen tile for the liveness timeout.
  addEventListener('pagehide', () => {
    client.leave();
    client.close();
  });

  Object.defineProperty(window, 'parley', {
    value: Object.freeze({
      peerConnections: () => meeting.peerConnections(),
      sfuConnection: () => meeting.sfuConnection(),
    }),
    writable: false,
    configurable: false,
    enumerable: false,
  });

  showOnly(views, byId('lobby-view'));
  lobby.show();
}

main();
