// Run grouping for the Scalars dashboard (beyond TensorBoard): runs are grouped by a regex capture
// on their name (the first capture group, or the whole match; e.g. `^(.*)/seed_\d+$` collapses the
// seeds) or by the value of an hparam, and each group is drawn as its mean line with a band —
// min–max or ±1 standard deviation. Runs logged on different step grids are aligned on the union
// of their steps: each run contributes, at a step inside its own range, its value interpolated
// linearly between its neighbouring points (never extrapolated). Pure functions.
import type { ScalarSeries } from '../../api/types';

export interface RunGrouping {
  /** 'regex': `key` is a pattern on the run name; 'hparam': `key` is an hparam name. */
  by: 'regex' | 'hparam';
  key: string;
  band: 'minmax' | 'std';
}

export function decodeRunGrouping(text: string): RunGrouping | null {
  if (!text) return null;
  try {
    const g = JSON.parse(text) as Partial<RunGrouping>;
    if ((g.by !== 'regex' && g.by !== 'hparam') || typeof g.key !== 'string' || !g.key) return null;
    return { by: g.by, key: g.key, band: g.band === 'std' ? 'std' : 'minmax' };
  } catch {
    return null;
  }
}

export function encodeRunGrouping(grouping: RunGrouping | null): string {
  return grouping ? JSON.stringify(grouping) : '';
}

/**
 * The group of each run: the regex's first capture (or whole match) for 'regex', the run's hparam
 * value for 'hparam' (`hparamOf` gives it, undefined when unknown). Runs that do not match, or
 * have no value, form their own group named after the run. Groups keep the order of first runs.
 */
export function groupRuns(
  runs: readonly string[],
  grouping: RunGrouping,
  hparamOf: (run: string) => string | undefined = () => undefined,
): Map<string, string[]> {
  let regex: RegExp | null = null;
  if (grouping.by === 'regex') {
    try {
      regex = new RegExp(grouping.key);
    } catch {
      regex = null;
    }
  }
  const groups = new Map<string, string[]>();
  for (const run of runs) {
    let name: string | undefined;
    if (regex) {
      const m = regex.exec(run);
      if (m) name = m[1] ?? m[0];
    } else if (grouping.by === 'hparam') {
      const v = hparamOf(run);
      if (v !== undefined) name = `${grouping.key}=${v}`;
    }
    name ??= run;
    const list = groups.get(name) ?? [];
    list.push(run);
    groups.set(name, list);
  }
  return groups;
}

export interface GroupCurve {
  name: string;
  runs: string[];
  steps: number[];
  /** Mean wall time of the contributing runs at each step (interpolated like the values). */
  wallTime: number[];
  mean: number[];
  lo: number[];
  hi: number[];
  /** Runs contributing at each step. */
  count: number[];
}

/**
 * Moves `cursor` to the point of `s` at or before `step` and returns the interpolation weight
 * towards the next point, or null outside the series' step range.
 */
function locate(s: ScalarSeries, step: number, cursor: { i: number }): number | null {
  const n = s.step.length;
  if (n === 0 || step < s.step[0] || step > s.step[n - 1]) return null;
  while (cursor.i < n - 1 && s.step[cursor.i + 1] <= step) cursor.i++;
  const i = cursor.i;
  if (s.step[i] === step || i === n - 1) return 0;
  return (step - s.step[i]) / (s.step[i + 1] - s.step[i]);
}

/** `column` (a series' values or wall times) at the located point with weight `t`. */
function interpolate(column: ArrayLike<number>, i: number, t: number): number {
  return t === 0 ? column[i] : column[i] + t * (column[i + 1] - column[i]);
}

/** Mean and band of the runs of one group (non-finite values are left out). */
export function aggregateGroup(name: string, series: readonly ScalarSeries[], band: RunGrouping['band']): GroupCurve {
  const stepSet = new Set<number>();
  for (const s of series) for (const step of s.step) stepSet.add(step);
  const steps = [...stepSet].sort((a, b) => a - b);
  const curve: GroupCurve = { name, runs: series.map((s) => s.run), steps: [], wallTime: [], mean: [], lo: [], hi: [], count: [] };
  const cursors = series.map(() => ({ i: 0 }));
  for (const step of steps) {
    let sum = 0;
    let sumSq = 0;
    let min = Infinity;
    let max = -Infinity;
    let count = 0;
    let wallSum = 0;
    series.forEach((s, k) => {
      const t = locate(s, step, cursors[k]);
      if (t === null) return;
      const v = interpolate(s.value, cursors[k].i, t);
      if (!Number.isFinite(v)) return;
      wallSum += interpolate(s.wall_time, cursors[k].i, t);
      sum += v;
      sumSq += v * v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      count++;
    });
    if (count === 0) continue;
    const mean = sum / count;
    const std = Math.sqrt(Math.max(0, sumSq / count - mean * mean));
    curve.steps.push(step);
    curve.wallTime.push(wallSum / count);
    curve.mean.push(mean);
    curve.lo.push(band === 'std' ? mean - std : min);
    curve.hi.push(band === 'std' ? mean + std : max);
    curve.count.push(count);
  }
  return curve;
}
