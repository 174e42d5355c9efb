// Client-built downloads of every run of one tag: a CSV with a run column, or JSON keyed by run
// in the shape of TensorBoard's scalars_multirun answer ({run: [[wall_time, step, value], …]}).
import type { ScalarSeries } from '../../api/types';

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with header `Run,Wall time,Step,Value` and CRLF line ends, like TensorBoard's CSV. */
export function seriesToCsv(series: readonly ScalarSeries[]): string {
  const lines = ['Run,Wall time,Step,Value'];
  for (const s of series) {
    const run = csvField(s.run);
    for (let i = 0; i < s.step.length; i++) {
      lines.push(`${run},${s.wall_time[i]},${s.step[i]},${s.value[i]}`);
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** JSON `{run: [[wall_time, step, value], …]}`; non-finite values as "NaN"/"Infinity" strings. */
export function seriesToJson(series: readonly ScalarSeries[]): string {
  const out: Record<string, (number | string)[][]> = {};
  for (const s of series) {
    out[s.run] = Array.from(s.step, (step, i) => {
      const v = s.value[i];
      return [s.wall_time[i], step, Number.isFinite(v) ? v : String(v)];
    });
  }
  return JSON.stringify(out);
}

/** Offers `text` as a file download. */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file-name-safe version of a tag name. */
export function fileStem(tag: string): string {
  return tag.replace(/[^A-Za-z0-9._-]+/g, '_') || 'scalars';
}
