// The canvases of released line layers, handed to the next layers made: in the Time Series grid
// cards are made and released as they scroll by, and a new canvas costs more than drawing on it
// (its backing store and compositor resource are made on its first draw, the browser frees
// them after a collection), so a scroll reuses a few canvases instead of making three a card.
// At most MAX_POOLED wait here (a few hundred KB each, of the size of a chart's plot area).
// Each canvas published how often it was handed out (`data-uses`), for tests. UI thread only.

const MAX_POOLED = 12;
const pool: HTMLCanvasElement[] = [];

/** A canvas for a new layer: a released one when there is one (`reused`: it may hold a drawing). */
export function takeCanvas(): { canvas: HTMLCanvasElement; reused: boolean } {
  const pooled = pool.pop();
  const canvas = pooled ?? document.createElement('canvas');
  canvas.dataset.uses = String(Number(canvas.dataset.uses ?? '0') + 1);
  return { canvas, reused: pooled !== undefined };
}

/** Takes `canvas` out of the page and keeps it for a later layer while the pool has room. */
export function releaseCanvas(canvas: HTMLCanvasElement): void {
  canvas.remove();
  if (pool.length < MAX_POOLED && !pool.includes(canvas)) pool.push(canvas);
}
