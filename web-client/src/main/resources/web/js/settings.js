// @ts-check
/**
 * Preferences remembered in localStorage (name, chosen devices). Storage may be unavailable
 * (private mode, disabled cookies): then nothing is remembered and nothing breaks.
 */

const PREFIX = 'parley.';

/**
 * @param {string} key
 * @returns {string | null}
 */
export function loadSetting(key) {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

/**
 * @param {string} key
 * @param {string | null} value null removes the setting
 */
export function saveSetting(key, value) {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch {
    // storage unavailable: the preference is simply not remembered
  }
}
