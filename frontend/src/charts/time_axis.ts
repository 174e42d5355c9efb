// The time dimension of the histogram, distribution and scalar charts: where each step sits on the chosen
// x axis (step number, seconds since the first step, or wall time), round ticks along it, and
// their labels. Pure functions; callers own the arrays passed in and returned.
import type { XAxis } from '../state/view_state';
import { formatDuration, formatStepTick, formatWallTime } from './format';
import { type Ticks, niceTicks, niceTimeTicks, niceWallTimeTicks } from './ticks';

/**
 * The coordinate of every step on `axis`: its step number, its wall time less the first step's
 * (relative), or its wall time. `steps` and `wallTimes` are parallel.
 */
export function timeCoordinates(axis: XAxis, steps: Float64Array, wallTimes: Float64Array): Float64Array {
  const n = steps.length;
  const out = new Float64Array(n);
  const first = n > 0 ? wallTimes[0] : 0;
  for (let i = 0; i < n; i++) {
    out[i] = axis === 'step' ? steps[i] : axis === 'relative' ? wallTimes[i] - first : wallTimes[i];
  }
  return out;
}

/** At most about `maxCount` ticks over [t0, t1]: round numbers for steps, round times otherwise. */
export function timeTicks(axis: XAxis, t0: number, t1: number, maxCount: number): Ticks {
  if (axis === 'step') return niceTicks(t0, t1, maxCount);
  return axis === 'wall' ? niceWallTimeTicks(t0, t1, maxCount) : niceTimeTicks(t0, t1, maxCount);
}

/** A tick label: "1.5k" for steps, "12m 05s" for relative time, "hh:mm:ss" for wall time. */
export function timeTickLabel(axis: XAxis, t: number): string {
  if (axis === 'step') return formatStepTick(t);
  if (axis === 'relative') return formatDuration(t);
  return formatWallTime(t).slice(11);
}
