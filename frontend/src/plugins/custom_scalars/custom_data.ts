// The custom scalars plugin's data: the merged layout (`data/plugin/custom_scalars/layout`) and,
// for a chart, every scalar series of the selected runs whose tag matches one of its regexes
// (`data/plugin/custom_scalars/scalars`, Python re.match on the server). Pure apart from the
// fetches; UI thread.
import { apiUrl, getJson, numberColumn } from '../../api/client';
import type { ScalarSeries } from '../../api/types';

export interface MarginSeriesSpec {
  value: string;
  lower: string;
  upper: string;
}

export interface ChartSpec {
  title: string;
  multiline?: { tag?: string[] };
  margin?: { series?: MarginSeriesSpec[] };
}

export interface CategorySpec {
  title: string;
  chart?: ChartSpec[];
  closed?: boolean;
}

export interface Layout {
  category?: CategorySpec[];
  /** Runs whose layout did not parse (tbx only). */
  errors?: string[];
}

export function fetchLayout(signal?: AbortSignal): Promise<Layout> {
  return getJson<Layout>('data/plugin/custom_scalars/layout', signal);
}

interface ScalarsAnswer {
  regex_valid: boolean;
  tag_to_events: Record<string, [number, number, number | string][]>;
}

/** One run's series of every tag matching `pattern`; throws for an invalid pattern. */
async function matching(run: string, pattern: string, signal?: AbortSignal): Promise<ScalarSeries[]> {
  const answer = await getJson<ScalarsAnswer>(apiUrl('data/plugin/custom_scalars/scalars', { run, tag: pattern }), signal);
  if (!answer.regex_valid) throw new Error(`Invalid tag regex: ${pattern}`);
  return Object.entries(answer.tag_to_events).map(([tag, events]) => ({
    run,
    tag,
    step: events.map((e) => e[1]),
    wall_time: events.map((e) => e[0]),
    value: numberColumn(events.map((e) => e[2])),
  }));
}

/**
 * Every (run, tag) series of `runs` whose tag matches any of `patterns`, once each, in run order
 * then tag order of the answers.
 */
export async function fetchMatchingSeries(runs: readonly string[], patterns: readonly string[], signal?: AbortSignal): Promise<ScalarSeries[]> {
  const answers = await Promise.all(runs.flatMap((run) => patterns.map((pattern) => matching(run, pattern, signal))));
  const seen = new Set<string>();
  const out: ScalarSeries[] = [];
  for (const series of answers.flat()) {
    const key = `${series.run}\n${series.tag}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(series);
  }
  return out;
}

/** The line label of a series in a chart: the run when one tag is shown, else "run: tag". */
export function lineLabels(series: readonly ScalarSeries[]): ScalarSeries[] {
  const tags = new Set(series.map((s) => s.tag));
  return series.map((s) => (tags.size > 1 ? { ...s, run: `${s.run}: ${s.tag}` } : s));
}

/** One margin band: value, lower and upper aligned on the value's steps (and wall times). */
export interface MarginBand {
  run: string;
  label: string;
  step: number[];
  wall_time: number[];
  value: number[];
  lower: number[];
  upper: number[];
}

/** Aligns the three series of a margin spec by step; steps missing from lower/upper get NaN. */
export function marginBand(run: string, spec: MarginSeriesSpec, byTag: Map<string, ScalarSeries>): MarginBand | null {
  const value = byTag.get(spec.value);
  if (!value) return null;
  const at = (tag: string) => {
    const series = byTag.get(tag);
    const map = new Map<number, number>();
    series?.step.forEach((step, i) => map.set(step, series.value[i]));
    return Array.from(value.step, (step) => map.get(step) ?? NaN);
  };
  return { run, label: `${run}: ${spec.value}`, step: Array.from(value.step), wall_time: Array.from(value.wall_time), value: Array.from(value.value), lower: at(spec.lower), upper: at(spec.upper) };
}
