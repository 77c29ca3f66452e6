// @ts-check
/** Landing page: create a room with a readable random name, or join one by name. */
import { byId } from './dom.js';
import { normalizeRoomName, randomRoomName, roomNameProblem } from './room-name.js';

const createButton = byId('create-room');
const form = /** @type {HTMLFormElement} */ (byId('join-form'));
const input = /** @type {HTMLInputElement} */ (byId('room-name'));
const message = byId('room-name-message');

/** @param {string} room a valid room name */
function goToRoom(room) {
  location.assign(`/r/${encodeURIComponent(normalizeRoomName(room))}`);
}

createButton.addEventListener('click', () => goToRoom(randomRoomName()));

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const room = input.value.trim();
  const problem = roomNameProblem(room);
  if (problem) {
    message.textContent = problem;
    message.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  goToRoom(room);
});

input.addEventListener('input', () => {
  if (message.hidden) return;
  message.hidden = true;
  input.removeAttribute('aria-invalid');
});
