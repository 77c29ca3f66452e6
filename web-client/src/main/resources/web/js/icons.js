// @ts-check
/**
 * Stroke icons drawn as inline SVG elements (24×24 grid, currentColor). Built with the DOM so
 * they need no extra requests and no inline markup. Always decorative: aria-hidden.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** @type {Record<string, Array<[string, Record<string, string>]>>} */
const SHAPES = {
  mic: [
    ['path', { d: 'M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3z' }],
    ['path', { d: 'M19 10v2a7 7 0 0 1-14 0v-2M12 19v3M8 22h8' }],
  ],
  'mic-off': [
    ['path', { d: 'M2 2l20 20M9 9v3a3 3 0 0 0 5.12 2.12M15 9.34V5a3 3 0 0 0-5.94-.6' }],
    ['path', { d: 'M17 16.95A7 7 0 0 1 5 12v-2m14 0v2a7 7 0 0 1-.11 1.23M12 19v3M8 22h8' }],
  ],
  camera: [
    ['path', { d: 'M23 7l-7 5 7 5V7z' }],
    ['rect', { x: '1', y: '5', width: '15', height: '14', rx: '2' }],
  ],
  'camera-off': [
    ['path', { d: 'M16 16v1a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h2m5.66 0H14a2 2 0 0 1 2 2v3.34l1 1L23 7v10' }],
    ['path', { d: 'M1 1l22 22' }],
  ],
  screen: [
    ['rect', { x: '2', y: '3', width: '20', height: '14', rx: '2' }],
    ['path', { d: 'M8 21h8M12 17v4M12 13V7M9 10l3-3 3 3' }],
  ],
  'screen-off': [
    ['rect', { x: '2', y: '3', width: '20', height: '14', rx: '2' }],
    ['path', { d: 'M8 21h8M12 17v4M9 7l6 6M15 7l-6 6' }],
  ],
  chat: [['path', { d: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z' }]],
  people: [
    ['path', { d: 'M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2M23 21v-2a4 4 0 0 0-3-3.87M16 3.13a4 4 0 0 1 0 7.75' }],
    ['circle', { cx: '9', cy: '7', r: '4' }],
  ],
  link: [
    ['path', { d: 'M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71' }],
    ['path', { d: 'M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71' }],
  ],
  leave: [
    ['path', { d: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9' }],
  ],
  send: [['path', { d: 'M22 2L11 13M22 2l-7 20-4-9-9-4 20-7z' }]],
  file: [
    ['path', { d: 'M13 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z' }],
    ['path', { d: 'M13 2v7h7' }],
  ],
  close: [['path', { d: 'M18 6L6 18M6 6l12 12' }]],
  stats: [['path', { d: 'M22 12h-4l-3 9L9 3l-3 9H2' }]],
};

/**
 * @param {keyof typeof SHAPES | string} name
 * @returns {SVGSVGElement}
 */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [tag, attrs] of SHAPES[name] ?? []) {
    const shape = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, v);
    svg.appendChild(shape);
  }
  return svg;
}
