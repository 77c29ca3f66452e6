// @ts-check
/**
 * Small DOM helpers. Text always goes in through textContent, never through HTML parsing,
 * and no inline style attributes are written (the pages run under a strict CSP).
 */

/**
 * Creates an element.
 * Props: `class`, `text` (textContent), `dataset` (object), `hidden`, `on<event>` (listener),
 * anything else becomes an attribute (`true` → empty attribute, `false`/null → omitted).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'hidden') el.hidden = Boolean(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

/**
 * @param {Node} parent
 * @param {...(Node | string | null | undefined | false)} children
 */
export function append(parent, ...children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * Looks up an element by id and fails loudly when the page lacks it.
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return /** @type {T} */ (el);
}

/** @param {Element} el */
export function clear(el) {
  el.replaceChildren();
}

/**
 * Shows exactly one of several views (sections toggled with the `hidden` attribute).
 * @param {HTMLElement[]} views
 * @param {HTMLElement} visible
 */
export function showOnly(views, visible) {
  for (const view of views) view.hidden = view !== visible;
}
