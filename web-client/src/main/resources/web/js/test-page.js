// @ts-check
/** The /test page: runs the connection checks in turn and shows a pass/fail list with hints. */
import { byId, clear, h } from './dom.js';
import { checkMedia, checkSignaling, checkStun, checkTurn } from './connection-checks.js';
import { signalingUrl } from './protocol.js';

const list = byId('checks');
const summary = byId('test-summary');
const button = /** @type {HTMLButtonElement} */ (byId('run-test'));

/**
 * Adds a row, runs the check, and fills the row in.
 * @param {string} name
 * @param {() => Promise<import('./connection-checks.js').CheckResult>} run
 */
async function row(name, run) {
  const status = h('span', { class: 'check-status', text: 'Checking…' });
  const detail = h('span', { class: 'check-detail' });
  const hint = h('p', { class: 'check-hint', hidden: true });
  const item = h('li', { class: 'check', 'aria-label': name }, h('strong', { text: name }), status, detail, hint);
  list.append(item);
  const result = await run();
  item.classList.add(result.ok ? 'check-pass' : 'check-fail');
  status.textContent = result.ok ? 'Pass' : 'Fail';
  detail.textContent = result.detail;
  if (!result.ok && result.hint) {
    hint.textContent = result.hint;
    hint.hidden = false;
  }
  return result.ok;
}

async function runAll() {
  button.disabled = true;
  clear(list);
  summary.textContent = '';
  /** @type {import('./connection-checks.js').IceServerEntry[]} */
  let iceServers = [];
  const results = [];
  results.push(await row('Signaling server', async () => {
    const outcome = await checkSignaling(signalingUrl(location));
    iceServers = outcome.iceServers;
    return outcome.result;
  }));
  results.push(await row('STUN', () => checkStun(iceServers)));
  results.push(await row('TURN over UDP', () => checkTurn(iceServers, 'udp')));
  // Credentials handed out before a join allow one allocation (docs/protocol.md, get-ice-servers): ask again.
  results.push(await row('TURN over TCP', async () => {
    const fresh = await checkSignaling(signalingUrl(location));
    return checkTurn(fresh.result.ok ? fresh.iceServers : iceServers, 'tcp');
  }));
  results.push(await row('Camera and microphone', checkMedia));
  const failed = results.filter((ok) => !ok).length;
  summary.textContent = failed === 0 ? 'All checks passed: calls should connect.'
    : `${failed} of ${results.length} checks failed; see the hints above.`;
  button.disabled = false;
  button.textContent = 'Run the test again';
}

button.addEventListener('click', runAll);
