// @ts-check
/**
 * Renders chat text as text, with http(s) links made clickable. Nothing is ever parsed as HTML:
 * text goes into text nodes, links are created <a> elements.
 */

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/**
 * @param {string} text
 * @returns {DocumentFragment}
 */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = TRAILING.exec(url);
    if (trailing) url = url.slice(0, -trailing[0].length);
    const start = match.index ?? 0;
    if (!isWebUrl(url)) continue;
    if (start > last) fragment.append(document.createTextNode(text.slice(last, start)));
    const a = document.createElement('a');
    a.href = url;
    a.textContent = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    fragment.append(a);
    last = start + url.length;
  }
  if (last < text.length) fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

/** @param {string} candidate */
function isWebUrl(candidate) {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
