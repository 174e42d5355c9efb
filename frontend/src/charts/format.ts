// Number, time and duration formatting for axes and tooltips.

/** A compact, readable number: 4–5 significant digits, exponent form for very large/small. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-4) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(5)));
}

/** A duration in seconds as "45s", "12m 05s", "3h 02m", "2d 4h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds < 0 ? '-' : '';
  let s = Math.abs(seconds);
  if (s < 60) return `${sign}${Number(s.toPrecision(3))}s`;
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s = Math.floor(s - m * 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${pad(m)}m`;
  return `${sign}${m}m ${pad(s)}s`;
}

/** Wall time in seconds since the epoch, as local date and time. */
export function formatWallTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** A step count with thousands shortened on axes: 1500 → "1.5k", 2000000 → "2M". */
export function formatStepTick(step: number): string {
  const abs = Math.abs(step);
  if (abs >= 1e6) return `${Number((step / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((step / 1e3).toPrecision(3))}k`;
  return String(Number(step.toPrecision(6)));
}

/** A y-axis tick label with just enough decimals to tell ticks `increment` apart. */
export function formatTick(value: number, increment: number): string {
  const abs = Math.abs(value);
  if (value !== 0 && (abs >= 1e6 || abs < 1e-4) && increment >= abs / 1e3) return formatValue(value);
  let decimals = 0;
  if (!(increment > 0)) decimals = 4;
  while (decimals < 12 && increment > 0) {
    const scaled = increment * Math.pow(10, decimals);
    if (Math.abs(Math.round(scaled) - scaled) < 1e-6 * scaled) break;
    decimals++;
  }
  return value.toFixed(decimals);
}
