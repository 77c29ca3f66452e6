// @ts-check
/**
 * The connection checks of the /test page, without DOM: each check resolves to
 * {ok, detail, hint}. They use only the browser's WebSocket, RTCPeerConnection and
 * getUserMedia, and Parley's `get-ice-servers` message (docs/protocol.md).
 */

/** How long a check may take before it counts as failed. ICE gathering through TURN/TCP can take a few seconds. */
export const CHECK_TIMEOUT_MS = 8000;

/** @typedef {{ok: boolean, detail: string, hint?: string}} CheckResult */
/** @typedef {{urls: string[] | string, username?: string, credential?: string}} IceServerEntry */

/**
 * Opens the signaling socket, asks for ICE servers, and measures the round trip.
 * @param {string} url the /ws URL
 * @returns {Promise<{result: CheckResult, iceServers: IceServerEntry[]}>}
 */
export function checkSignaling(url) {
  return new Promise((resolve) => {
    const started = performance.now();
    let socket;
    const fail = (/** @type {string} */ detail) => resolve({
      result: { ok: false, detail, hint: 'The page loaded but its WebSocket did not: a proxy or firewall may block WebSockets to this server.' },
      iceServers: [],
    });
    const timer = setTimeout(() => { socket?.close(); fail('no answer'); }, CHECK_TIMEOUT_MS);
    try {
      socket = new WebSocket(url);
    } catch (err) {
      clearTimeout(timer);
      fail(String(err));
      return;
    }
    socket.onopen = () => socket.send(JSON.stringify({ type: 'get-ice-servers', ref: 'connection-test' }));
    socket.onerror = () => { clearTimeout(timer); fail('could not connect'); };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type !== 'ice-servers') return;
      clearTimeout(timer);
      socket.close(1000, 'test done');
      const ms = Math.round(performance.now() - started);
      resolve({ result: { ok: true, detail: `connected, ${ms} ms` }, iceServers: message.iceServers });
    };
  });
}

/**
 * Gathers candidates with the given ICE servers and policy; resolves with the candidate types seen
 * and any ICE candidate errors.
 * @param {RTCConfiguration} config
 * @returns {Promise<{types: Set<string>, errors: string[], relayProtocols: Set<string>}>}
 */
export async function gather(config) {
  const pc = new RTCPeerConnection(config);
  const types = new Set();
  const relayProtocols = new Set();
  /** @type {string[]} */
  const errors = [];
  try {
    pc.createDataChannel('connection-test');
    const done = new Promise((resolve) => {
      const timer = setTimeout(resolve, CHECK_TIMEOUT_MS);
      pc.onicecandidate = (event) => {
        if (!event.candidate) {
          clearTimeout(timer);
          resolve(undefined);
          return;
        }
        if (event.candidate.type) types.add(event.candidate.type);
        if (event.candidate.type === 'relay' && event.candidate.relayProtocol) {
          relayProtocols.add(event.candidate.relayProtocol);
        }
      };
      pc.onicecandidateerror = (event) => {
        const e = /** @type {RTCPeerConnectionIceErrorEvent} */ (event);
        errors.push(`${e.url || ''} ${e.errorCode} ${e.errorText || ''}`.trim());
      };
    });
    await pc.setLocalDescription(await pc.createOffer());
    await done;
  } finally {
    pc.close();
  }
  return { types, errors, relayProtocols };
}

/**
 * The URLs of one kind ("stun", "turn?transport=udp", "turn?transport=tcp") from the ICE servers.
 * @param {IceServerEntry[]} iceServers
 * @param {(url: string) => boolean} wanted
 * @returns {RTCIceServer[]}
 */
export function pick(iceServers, wanted) {
  /** @type {RTCIceServer[]} */
  const picked = [];
  for (const server of iceServers) {
    const urls = (Array.isArray(server.urls) ? server.urls : [server.urls]).filter(wanted);
    if (urls.length > 0) picked.push({ urls, username: server.username, credential: server.credential });
  }
  return picked;
}

/** @param {IceServerEntry[]} iceServers @returns {Promise<CheckResult>} */
export async function checkStun(iceServers) {
  const servers = pick(iceServers, (u) => u.startsWith('stun:'));
  if (servers.length === 0) return { ok: false, detail: 'no STUN server configured', hint: 'Start Parley with its TURN server on (the default) or give --ice-servers.' };
  const { types, errors } = await gather({ iceServers: servers });
  if (types.has('srflx')) return { ok: true, detail: 'public address found (server reflexive candidate)' };
  if (errors.length === 0 && types.has('host')) {
    return { ok: true, detail: 'STUN answered; no NAT between you and the server (your address is the same on both sides)' };
  }
  return { ok: false, detail: errors.join('; ') || 'no answer', hint: 'UDP to the STUN port is blocked: open UDP 3478 on the server and any firewall in between.' };
}

/**
 * @param {IceServerEntry[]} iceServers
 * @param {'udp' | 'tcp'} transport
 * @returns {Promise<CheckResult>}
 */
export async function checkTurn(iceServers, transport) {
  const servers = pick(iceServers, (u) => u.startsWith('turn:') && u.includes(`transport=${transport}`));
  if (servers.length === 0) return { ok: false, detail: `no TURN/${transport.toUpperCase()} server configured`, hint: 'Start Parley with its TURN server on (the default).' };
  const { types, errors } = await gather({ iceServers: servers, iceTransportPolicy: 'relay' });
  if (types.has('relay')) return { ok: true, detail: `relay address allocated over ${transport.toUpperCase()}` };
  return {
    ok: false,
    detail: errors.join('; ') || 'no relay candidate',
    hint: transport === 'udp'
      ? 'UDP to the TURN port (3478) or the relay ports is blocked; calls can still work over TURN/TCP.'
      : 'TCP to the TURN port (3478) is blocked by a firewall or proxy.',
  };
}

/** @returns {Promise<CheckResult>} */
export async function checkMedia() {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { ok: false, detail: 'not available', hint: 'Browsers allow cameras only on https pages (or http://localhost).' };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const labels = stream.getTracks().map((t) => `${t.kind}: ${t.label || 'unnamed'}`);
    stream.getTracks().forEach((t) => t.stop());
    return { ok: true, detail: labels.join(', ') };
  } catch (err) {
    const name = /** @type {Error} */ (err).name;
    const hint = name === 'NotAllowedError'
      ? 'Access was blocked: allow camera and microphone in the site settings (the icon in the address bar).'
      : name === 'NotFoundError' ? 'No camera or microphone was found.' : 'Another application may be using the camera.';
    return { ok: false, detail: name, hint };
  }
}
