// Scalar series for a static export: the export holds every point of each (run, tag) once, as the
// binary answer of `data/plugin/scalars/series?run=R&tag=T&points=0&format=binary`, and per tag an
// overview of every run downsampled to OVERVIEW_POINTS (`tbx-export/scalars-overview?tag=T`, one
// file), which answers the unzoomed charts without loading every full series. Zooming and the
// chart's point budget are answered here by cutting to the step range and keeping, per bucket of
// consecutive points, the first, last, lowest, highest and first NaN point (the server's rule,
// src/data/downsample.cc). Pure apart from loading the files; UI thread.
import { apiUrl } from './client';
import { exportManifest, exportedFile, loadExportedFile } from './export_mode';
import { decodeSeriesBinary } from './series_binary';
import type { ScalarSeries } from './types';

export interface SeriesQuery {
  tags: string[];
  runs: string[];
  points: number;
  minStep?: number;
  maxStep?: number;
}

/** Points per series of a tag's overview (kOverviewPoints in src/export/site_exporter.cc). */
export const OVERVIEW_POINTS = 2000;

/** The key of a tag's overview: every exported run of the tag at OVERVIEW_POINTS. */
export function overviewUrl(tag: string): string {
  return apiUrl('tbx-export/scalars-overview', { tag });
}

/** The URL whose exported answer holds every point of (run, tag). */
export function fullSeriesUrl(run: string, tag: string): string {
  return apiUrl('data/plugin/scalars/series', { tag, run, points: 0, format: 'binary' });
}

/** Indices of the points to keep (ascending); every index when n <= maxPoints or maxPoints is 0. */
export function downsampleIndices(values: ArrayLike<number>, maxPoints: number): number[] {
  const n = values.length;
  const keep: number[] = [];
  if (maxPoints <= 0 || n <= maxPoints) {
    for (let i = 0; i < n; i++) keep.push(i);
    return keep;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  for (let b = 0; b < buckets; b++) {
    const begin = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    if (begin >= end) continue;
    let minI = begin;
    let maxI = begin;
    let nanI = end;
    for (let i = begin; i < end; i++) {
      const v = values[i];
      if (Number.isNaN(v)) {
        if (nanI === end) nanI = i;
        continue;
      }
      if (Number.isNaN(values[minI]) || v < values[minI]) minI = i;
      if (Number.isNaN(values[maxI]) || v > values[maxI]) maxI = i;
    }
    const picks = [begin, minI, maxI, nanI, end - 1].sort((a, c) => a - c);
    for (const p of picks) if (p < end && (keep.length === 0 || keep[keep.length - 1] !== p)) keep.push(p);
  }
  return keep;
}

/** `series` cut to [minStep, maxStep] and reduced to about `points` points. */
export function sliceSeries(series: ScalarSeries, query: Pick<SeriesQuery, 'points' | 'minStep' | 'maxStep'>): ScalarSeries {
  const lo = query.minStep ?? -Infinity;
  const hi = query.maxStep ?? Infinity;
  const inRange: number[] = [];
  for (let i = 0; i < series.step.length; i++) {
    const s = series.step[i];
    if (s >= lo && s <= hi) inRange.push(i);
  }
  const values = inRange.map((i) => series.value[i]);
  const keep = downsampleIndices(values, query.points).map((k) => inRange[k]);
  const pick = (column: ArrayLike<number>) => Float64Array.from(keep, (i) => column[i]);
  return { run: series.run, tag: series.tag, step: pick(series.step), wall_time: pick(series.wall_time), value: pick(series.value) };
}

let runsByTag: Map<string, string[]> | null = null;

/** Every exported run of `tag`, in manifest order (what a query with no runs asks for). */
function exportedRunsOf(tag: string): string[] {
  if (!runsByTag) {
    runsByTag = new Map();
    const prefix = 'data/plugin/scalars/series?';
    for (const key of Object.keys(exportManifest()?.files ?? {})) {
      if (!key.startsWith(prefix)) continue;
      const params = new URLSearchParams(key.slice(prefix.length));
      const t = params.get('tag');
      const r = params.get('run');
      if (t === null || r === null) continue;
      if (!runsByTag.has(t)) runsByTag.set(t, []);
      runsByTag.get(t)!.push(r);
    }
  }
  return runsByTag.get(tag) ?? [];
}

/**
 * The series a server would answer for `query`, from the exported full-resolution files. No runs
 * means every run, as on the server.
 */
export async function exportedScalarSeries(query: SeriesQuery, signal?: AbortSignal): Promise<ScalarSeries[]> {
  const unzoomed = query.minStep === undefined && query.maxStep === undefined;
  const overviews =
    unzoomed && query.points > 0 && query.points <= OVERVIEW_POINTS ? query.tags.map((t) => exportedFile(overviewUrl(t))) : [];
  if (overviews.length && overviews.every((file) => file !== null)) {
    const runs = new Set(query.runs);
    const loaded = await Promise.all(overviews.map((file) => loadExportedFile(file!, signal)));
    return loaded.flatMap((buffer) =>
      decodeSeriesBinary(buffer as ArrayBuffer)
        .filter((s) => runs.size === 0 || runs.has(s.run))
        .map((s) => sliceSeries(s, query)),
    );
  }
  const files: string[] = [];
  for (const tag of query.tags) {
    for (const run of query.runs.length ? query.runs : exportedRunsOf(tag)) {
      const file = exportedFile(fullSeriesUrl(run, tag));
      if (file) files.push(file);
    }
  }
  const loaded = await Promise.all(
    files.map(async (file) => {
      const buffer = (await loadExportedFile(file, signal)) as ArrayBuffer;
      return decodeSeriesBinary(buffer).map((s) => sliceSeries(s, query));
    }),
  );
  return loaded.flat();
}
