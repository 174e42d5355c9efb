// The profile plugin's routes (plugins/profile/http_api.md): runs, hosts and each tool's JSON.
// Times are integer nanoseconds since the trace's first event.
import { apiUrl, getJson } from '../../api/client';

export const ROUTE = 'data/plugin/profile';

export interface ProfileHost {
  hostname: string;
  worker: string;
  span: string;
  format: 'pytorch' | 'xspace';
}

export interface StepCost {
  name: string;
  begin_ns: number;
  duration_ns: number;
  costs_ns: number[];
  computation_ns: number;
  communication_ns: number;
  overlap_ns: number;
}

export interface DeviceUse {
  device: number;
  gpu_utilization: number;
  sm_efficiency: number | null;
  achieved_occupancy: number | null;
  kernel_time_ns: number;
}

export interface OverviewData {
  format: string;
  complete: boolean;
  notes: string[];
  events: number;
  duration_ns: number;
  profiler_steps: boolean;
  removed_tail_steps: number;
  roles: string[];
  steps: StepCost[];
  average: { step_ns: number; costs_ns: number[] };
  devices: DeviceUse[];
  device_properties: Record<string, unknown>[];
  distributed_info: Record<string, unknown> | null;
  recommendations: string[];
}

export type Cell = string | number | boolean | null | number[];

/** A table answer (operators, kernels, memory rows): named columns, rows of cells. */
export interface TableData {
  columns: string[];
  rows: Cell[][];
}

export interface MemoryData extends TableData {
  devices: Record<string, { peak_allocated: number; peak_ts_ns: number; points: [number, number, number][] }>;
  allocations_total: number;
}

/** [event or -count, ts, dur, depth, name index or -1] */
export type TimelineEvent = [number, number, number, number, number];

export interface TimelineTrack {
  id: number;
  pid: string;
  tid: string;
  process: string;
  thread: string;
  device: boolean;
  depth: number;
  events: TimelineEvent[];
}

export interface TimelineData {
  start_ns: number;
  end_ns: number;
  resolution_ns: number;
  duration_ns: number;
  tracks: TimelineTrack[];
  /** [from event, from track, from ts, from depth, to event, to track, to ts, to depth] */
  flows: number[][];
  names: string[];
}

export type EventDetails = Record<string, unknown> & {
  event: number;
  name: string;
  ts_ns: number;
  dur_ns: number;
};

export interface Target {
  run: string;
  host: string;
}

export function fetchRuns(): Promise<string[]> {
  return getJson<string[]>(apiUrl(`${ROUTE}/runs`));
}

export function fetchHosts(run: string): Promise<ProfileHost[]> {
  return getJson<ProfileHost[]>(apiUrl(`${ROUTE}/hosts`, { run }));
}

export function fetchTool<T>(
  target: Target,
  tag: string,
  extra: Record<string, string | number> = {},
  signal?: AbortSignal,
): Promise<T> {
  return getJson<T>(apiUrl(`${ROUTE}/data`, { run: target.run, host: target.host, tag, ...extra }), signal);
}

/** "1.23 ms" style durations from nanoseconds. */
export function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  if (abs >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (abs >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (abs >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns} ns`;
}

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GiB`;
  if (abs >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(2)} MiB`;
  if (abs >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}
