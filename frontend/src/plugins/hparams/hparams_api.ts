// The hparams routes the dashboard uses and their JSON shapes (see plugins/hparams/http_api.md):
// the experiment (columns) and every session group with every column, fetched once per refresh;
// filtering and sorting then happen in the browser so the views answer at once.
import { HttpError, parseLenientJson } from '../../api/client';
import { isExported } from '../../api/export_mode';

export type HValue = number | string | boolean;

export interface MetricName {
  group: string;
  tag: string;
}

export interface HParamInfo {
  name: string;
  displayName: string;
  description: string;
  type: 'DATA_TYPE_UNSET' | 'DATA_TYPE_STRING' | 'DATA_TYPE_BOOL' | 'DATA_TYPE_FLOAT64';
  domainDiscrete?: HValue[];
  domainInterval?: { minValue: number; maxValue: number };
}

export interface MetricInfo {
  name: MetricName;
  displayName: string;
}

export interface Experiment {
  hparamInfos: HParamInfo[];
  metricInfos: MetricInfo[];
}

export interface MetricValue {
  name: MetricName;
  value: number | string;
  trainingStep: number;
}

export interface Session {
  name: string;
  status: string;
  metricValues: MetricValue[];
}

export interface SessionGroup {
  name: string;
  hparams: Record<string, HValue>;
  metricValues: MetricValue[];
  sessions: Session[];
}

async function postJson<T>(route: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const url = `data/plugin/hparams/${route}`;
  // A static export holds no hparams (tbx export); Scalars' grouping by hparam is then empty.
  if (isExported()) throw new HttpError(404, `${url}: not part of this export`);
  const response = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    signal,
  });
  const text = await response.text();
  if (!response.ok) throw new HttpError(response.status, `${url}: ${response.status} ${text}`);
  return parseLenientJson(text) as T;
}

export const STATUSES = ['STATUS_SUCCESS', 'STATUS_FAILURE', 'STATUS_RUNNING', 'STATUS_UNKNOWN'] as const;

export function fetchExperiment(signal?: AbortSignal): Promise<Experiment> {
  return postJson<Experiment>('experiment', { experimentName: '', includeMetrics: true }, signal);
}

export async function fetchSessionGroups(experiment: Experiment, signal?: AbortSignal): Promise<SessionGroup[]> {
  const colParams = [
    ...experiment.hparamInfos.map((h) => ({ hparam: h.name })),
    ...experiment.metricInfos.map((m) => ({ metric: m.name })),
  ];
  const answer = await postJson<{ sessionGroups: SessionGroup[] }>(
    'session_groups',
    { experimentName: '', allowedStatuses: STATUSES, colParams, startIndex: 0, sliceSize: 1000000 },
    signal,
  );
  return answer.sessionGroups;
}

/** The run holding a session's metric: `<session>/<group>` normalised as the server does. */
export function metricRun(session: string, group: string): string {
  const parts: string[] = [];
  for (const part of `${session}/${group}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.length ? parts.join('/') : '.';
}
