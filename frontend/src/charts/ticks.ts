// "Nice" axis ticks for tbx's own chart axes (histograms, distributions, scalars): round values
// (1, 2 or 5 times a power of ten apart) covering a [min, max] range, round seconds, minutes,
// hours and days for time, and wall time on round times of the page's clock. Pure functions.

export interface Ticks {
  /** Tick values in ascending order, all inside [min, max]. */
  values: number[];
  /** Distance between neighbouring ticks (0 when the range is a single value). */
  step: number;
}

/** The round spacing nearest above `rough`: 1, 2 or 5 times a power of ten. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 0;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const mantissa = rough / power;
  const nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
  return nice * power;
}

/** At most about `maxCount` round ticks inside [min, max]; a single tick for an empty range. */
export function niceTicks(min: number, max: number, maxCount: number): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { values: [], step: 0 };
  if (max <= min) return { values: [min], step: 0 };
  const step = niceStep((max - min) / Math.max(1, maxCount));
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const values: number[] = [];
  for (let k = first; k <= last; k++) {
    // Rounding through toPrecision removes float noise like 0.30000000000000004.
    values.push(Number((k * step).toPrecision(12)) + 0);
  }
  return { values, step };
}

/** Spacings of time ticks in seconds: round seconds, minutes and hours. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * Ticks for a time range in seconds (relative or wall time), on round seconds, minutes, hours or
 * days; below a second, as niceTicks.
 */
export function niceTimeTicks(min: number, max: number, maxCount: number): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return niceTicks(min, max, maxCount);
  const rough = (max - min) / Math.max(1, maxCount);
  if (rough < 1) return niceTicks(min, max, maxCount);
  const step = TIME_STEPS.find((s) => s >= rough) ?? 86400 * niceStep(rough / 86400);
  const values: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k <= Math.floor(max / step + 1e-9); k++) {
    values.push(k * step + 0); // + 0 turns -0 into 0
  }
  return { values, step };
}

/** The page's offset from UTC at `seconds` since the epoch, in seconds (east positive). */
export function localOffsetSeconds(seconds: number): number {
  return -new Date(seconds * 1000).getTimezoneOffset() * 60;
}

/**
 * Ticks for a wall-time range (seconds since the epoch) on round times of the page's clock, as
 * niceTimeTicks: an hour or a day starts at the local hour or midnight, not UTC's (in UTC−5 a
 * day tick is at local midnight, not at 19:00; in UTC+5:30 an hour tick is at :00, not :30).
 * `offsetAt` gives the time zone's offset at a time (the page's by default).
 */
export function niceWallTimeTicks(
  min: number,
  max: number,
  maxCount: number,
  offsetAt: (seconds: number) => number = localOffsetSeconds,
): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return niceTimeTicks(min, max, maxCount);
  const shift = offsetAt(min);
  const local = niceTimeTicks(min + shift, max + shift, maxCount);
  if (local.step < 1) return niceTimeTicks(min, max, maxCount);
  // Each local tick back to UTC with the offset in force then (a daylight-saving change inside
  // the range moves the later ticks by its hour, so they stay on the local clock's round times).
  const values: number[] = [];
  for (const t of local.values) {
    const utc = t - offsetAt(t - shift);
    if (utc >= min - 1e-9 && utc <= max + 1e-9 && (values.length === 0 || utc > values[values.length - 1])) values.push(utc);
  }
  return { values, step: local.step };
}

/** Maps [d0, d1] linearly onto [p0, p1]; a degenerate domain maps to the middle. */
export function linearScale(d0: number, d1: number, p0: number, p1: number): (v: number) => number {
  if (!(d1 > d0)) {
    const mid = (p0 + p1) / 2;
    return () => mid;
  }
  const k = (p1 - p0) / (d1 - d0);
  return (v) => p0 + (v - d0) * k;
}
