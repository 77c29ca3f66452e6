// @ts-check
/**
 * Room name rules (docs/protocol.md, `join.room`): 1–64 characters of A–Z a–z 0–9 - _,
 * case-insensitive; the server normalises to lower case.
 */

export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * @param {string} name
 * @returns {boolean}
 */
export function isValidRoomName(name) {
  return ROOM_NAME_PATTERN.test(name);
}

/**
 * @param {string} name
 * @returns {string} the canonical (lower-case) form
 */
export function normalizeRoomName(name) {
  return name.toLowerCase();
}

/**
 * Explains what is wrong with a room name, for inline form messages.
 * @param {string} name
 * @returns {string | null} null when the name is valid
 */
export function roomNameProblem(name) {
  if (name.length === 0) return 'Enter a room name.';
  if (name.length > 64) return 'A room name has at most 64 characters.';
  if (!isValidRoomName(name)) {
    return 'Use only letters, digits, "-" and "_" (no spaces).';
  }
  return null;
}

/**
 * Finds the room of the current page: `/r/<room>`, or `?room=<room>` when the page is served
 * from a plain file server during development.
 * @param {{pathname: string, search: string}} location
 * @returns {string | null}
 */
export function roomFromLocation(location) {
  const match = /^\/r\/([^/]+)\/?$/.exec(location.pathname);
  let candidate = match ? safeDecode(match[1]) : new URLSearchParams(location.search).get('room');
  if (candidate === null || !isValidRoomName(candidate)) return null;
  return normalizeRoomName(candidate);
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const ADJECTIVES = [
  'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'cosy', 'crisp', 'eager', 'fancy',
  'gentle', 'glad', 'golden', 'happy', 'honest', 'jolly', 'keen', 'kind', 'lively', 'lucky',
  'mellow', 'merry', 'misty', 'noble', 'polite', 'proud', 'quick', 'quiet', 'rapid', 'silver',
  'steady', 'sunny', 'swift', 'tidy', 'vivid', 'warm', 'wise', 'witty', 'young', 'zesty',
];
const ANIMALS = [
  'badger', 'beaver', 'bison', 'crane', 'dingo', 'dolphin', 'eagle', 'falcon', 'ferret', 'finch',
  'fox', 'gecko', 'heron', 'ibis', 'koala', 'lemur', 'lynx', 'marmot', 'moose', 'newt',
  'okapi', 'orca', 'otter', 'owl', 'panda', 'puffin', 'quokka', 'raven', 'robin', 'seal',
  'sparrow', 'stoat', 'swan', 'tapir', 'tiger', 'toucan', 'walrus', 'whale', 'wombat', 'yak',
];

/**
 * A readable random room name such as `brave-otter-42`. About 2^17 combinations: rooms are not
 * secret by name alone, the name only has to be easy to say and unlikely to collide.
 * @param {(n: number) => number} [randomInt] returns an integer in [0, n)
 * @returns {string}
 */
export function randomRoomName(randomInt = cryptoRandomInt) {
  const adjective = ADJECTIVES[randomInt(ADJECTIVES.length)];
  const animal = ANIMALS[randomInt(ANIMALS.length)];
  const number = 10 + randomInt(90);
  return `${adjective}-${animal}-${number}`;
}

/** @param {number} n */
function cryptoRandomInt(n) {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0] % n;
}
