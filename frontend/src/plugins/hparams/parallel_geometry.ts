// Axis geometry of the parallel-coordinates and scatter views: maps a column's values to [0, 1]
// (linear or log for numbers — log only over positive values — and evenly spaced categories for
// strings and bools), and turns a brushed [0, 1] span back into a column filter. Pure functions.
import type { HValue } from './hparams_api';
import type { Column, ColumnFilter, Row } from './table_model';

export interface AxisScale {
  /** Position of a value in [0, 1] (0 = bottom), or null when it cannot be placed. */
  position(value: HValue | null): number | null;
  /** The filter selecting the values whose position lies in [lo, hi]. */
  filterFor(lo: number, hi: number): ColumnFilter;
  categories: HValue[] | null;
  min: number;
  max: number;
  log: boolean;
}

export function axisScale(column: Column, index: number, rows: readonly Row[], log: boolean): AxisScale {
  const numeric = column.type === 'number';
  if (!numeric) {
    const seen = column.values.length ? [...column.values] : [];
    for (const row of rows) {
      const v = row.values[index];
      if (v !== null && !seen.includes(v)) seen.push(v);
    }
    const step = seen.length > 1 ? 1 / (seen.length - 1) : 0;
    return {
      categories: seen,
      min: 0,
      max: 1,
      log: false,
      position: (v) => {
        const i = v === null ? -1 : seen.indexOf(v);
        return i < 0 ? null : seen.length > 1 ? i * step : 0.5;
      },
      filterFor: (lo, hi) => ({
        values: seen.filter((_, i) => {
          const p = seen.length > 1 ? i * step : 0.5;
          return p >= lo && p <= hi;
        }),
      }),
    };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    const v = row.values[index];
    if (typeof v !== 'number' || !Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) {
    min = 0;
    max = 1;
  }
  const useLog = log && min > 0;
  const f = (v: number) => (useLog ? Math.log10(v) : v);
  const inv = (p: number) => (useLog ? 10 ** p : p);
  const lo = f(min);
  const span = f(max) - lo || 1;
  return {
    categories: null,
    min,
    max,
    log: useLog,
    position: (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || (useLog && v <= 0)) return null;
      return max === min ? 0.5 : (f(v) - lo) / span;
    },
    filterFor: (a, b) => ({ min: inv(lo + a * span), max: inv(lo + b * span) }),
  };
}

/** Eight-step colour ramp (blue → yellow) for colouring by a metric. */
export const RAMP = ['#3b4cc0', '#5977e3', '#7b9ff9', '#9ebeff', '#c0d4f5', '#f2cbb7', '#f7a889', '#e26952'];
