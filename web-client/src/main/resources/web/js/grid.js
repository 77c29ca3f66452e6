// @ts-check
/**
 * Lays out the tiles: an even grid sized to fill the space, or, while someone shares a screen,
 * the screens large on a stage with the cameras in a strip beside (or below) it.
 */

const TILE_ASPECT = 16 / 9;

/**
 * Chooses the column count that makes tiles largest in a width×height area.
 * @param {number} count
 * @param {number} width
 * @param {number} height
 * @returns {number}
 */
export function bestColumns(count, width, height) {
  if (count <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestArea = 0;
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const tileWidth = Math.min(width / cols, (height / rows) * TILE_ASPECT);
    const area = tileWidth * (tileWidth / TILE_ASPECT);
    if (area > bestArea) {
      bestArea = area;
      best = cols;
    }
  }
  return best;
}

export class Grid {
  /**
   * @param {object} elements
   * @param {HTMLElement} elements.main container of stage and grid
   * @param {HTMLElement} elements.grid camera tiles
   * @param {HTMLElement} elements.stage screen tiles
   */
  constructor({ main, grid, stage }) {
    this.main = main;
    this.gridEl = grid;
    this.stageEl = stage;
    /** @type {Map<string, import('./tile.js').Tile>} */
    this.tiles = new Map();
    this.observer = new ResizeObserver(() => this.layout());
    this.observer.observe(this.gridEl);
  }

  /**
   * @param {string} id
   * @param {'camera'|'screen'} kind
   */
  static key(id, kind) {
    return `${kind}:${id}`;
  }

  /** @param {import('./tile.js').Tile} tile */
  add(tile) {
    const key = Grid.key(tile.id, tile.kind);
    this.tiles.get(key)?.remove();
    this.tiles.set(key, tile);
    if (tile.kind === 'screen') this.stageEl.append(tile.el);
    else if (tile.self) this.gridEl.prepend(tile.el);
    else this.gridEl.append(tile.el);
    this.layout();
  }

  /**
   * @param {string} id
   * @param {'camera'|'screen'} kind
   */
  get(id, kind) {
    return this.tiles.get(Grid.key(id, kind)) ?? null;
  }

  /**
   * @param {string} id
   * @param {'camera'|'screen'} kind
   */
  remove(id, kind) {
    const key = Grid.key(id, kind);
    this.tiles.get(key)?.remove();
    this.tiles.delete(key);
    this.layout();
  }

  /** @param {string} id removes every tile of a participant */
  removeParticipant(id) {
    this.remove(id, 'camera');
    this.remove(id, 'screen');
  }

  clear() {
    for (const tile of this.tiles.values()) tile.remove();
    this.tiles.clear();
    this.layout();
  }

  /** @param {string | null} id */
  setSpeaker(id) {
    for (const tile of this.tiles.values()) {
      tile.setSpeaking(tile.kind === 'camera' && tile.id === id && this.tiles.size > 1);
    }
  }

  layout() {
    const screens = this.stageEl.childElementCount;
    this.stageEl.hidden = screens === 0;
    this.main.classList.toggle('has-stage', screens > 0);
    this.stageEl.style.setProperty('--cols', String(bestColumns(screens,
      this.stageEl.clientWidth, this.stageEl.clientHeight)));
    const count = this.gridEl.childElementCount;
    const cols = bestColumns(count, this.gridEl.clientWidth, this.gridEl.clientHeight);
    this.gridEl.style.setProperty('--cols', String(cols));
    this.gridEl.style.setProperty('--rows', String(Math.max(1, Math.ceil(count / cols))));
  }

  dispose() {
    this.observer.disconnect();
    this.clear();
  }
}
