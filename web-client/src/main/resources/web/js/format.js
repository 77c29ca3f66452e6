// @ts-check
/** Formatting helpers for what people read: sizes, times, initials, rates. */

/**
 * @param {number} bytes
 * @returns {string} e.g. "5.0 MB" (decimal units, as file managers show them)
 */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * @param {number} ts milliseconds since the epoch
 * @returns {string} local time as HH:MM
 */
export function formatTime(ts) {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * @param {string} name
 * @returns {string} up to two upper-case initials ("Ada Lovelace" → "AL")
 */
export function initials(name) {
  const words = name.trim().split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? [...words[words.length - 1]][0] ?? '' : '';
  return (first + last).toUpperCase();
}

/**
 * @param {number} bitsPerSecond
 * @returns {string}
 */
export function formatBitrate(bitsPerSecond) {
  if (bitsPerSecond >= 1e6) return `${(bitsPerSecond / 1e6).toFixed(2)} Mbit/s`;
  return `${Math.round(bitsPerSecond / 1e3)} kbit/s`;
}
