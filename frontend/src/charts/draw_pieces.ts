// How a chart's first draw is split into pieces run in later tasks: a chart given a `DeferDraw`
// (the Time Series grid's DrawSlicer) hands it its axes and then its lines a few at a time, so
// no single task draws a whole card. Pure; no DOM.

/** Runs a piece of drawing work in a later task, after the pieces deferred before it. */
export type DeferDraw = (piece: () => void) => void;

/** Lines stroked per piece of a deferred draw (10 runs of ~1,000 points: a few ms). */
export const LINES_PER_PIECE = 10;

/** `[begin, end)` index ranges covering `count` items in order, at most `size` each. */
export function pieceRanges(count: number, size: number = LINES_PER_PIECE): [number, number][] {
  const step = Math.max(1, Math.floor(size));
  const ranges: [number, number][] = [];
  for (let begin = 0; begin < count; begin += step) ranges.push([begin, Math.min(count, begin + step)]);
  return ranges;
}
