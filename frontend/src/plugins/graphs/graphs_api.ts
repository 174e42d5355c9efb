// The graphs plugin's routes as the explorer uses them: TensorBoard's `info` (which runs and tags
// have graphs) and tbx's hierarchy routes, which serve the graph one group at a time so the
// browser never parses a whole GraphDef.
import { apiUrl, getJson } from '../../api/client';

export interface GraphTagInfo {
  tag: string;
  conceptual_graph: boolean;
  op_graph: boolean;
  profile: boolean;
}

export interface GraphRunInfo {
  run: string;
  run_graph: boolean;
  tags: Record<string, GraphTagInfo>;
}

export type GraphsInfo = Record<string, GraphRunInfo>;

/**
 * Which graph: the run graph (no tag), a tag's op graph, or a tag's Keras model (conceptual); and
 * optionally the run metadata tag whose step stats colour it.
 */
export interface GraphSpec {
  run: string;
  tag?: string;
  conceptual?: boolean;
  stats?: string;
}

export type ItemKind = 'scope' | 'series' | 'op';

export interface ItemSummary {
  id: number;
  name: string;
  label: string;
  kind: ItemKind;
  op_count: number;
  ext_in: number;
  ext_out: number;
  op?: string;
  device?: string;
  shapes?: string[];
  child_count?: number;
  ops?: [string, number][];
  series?: [number, number];
  /** With a stats tag: compute time (µs, the span of its ops' runs) and memory (bytes, summed). */
  stats?: ItemStats;
}

export interface ItemStats {
  micros: number;
  bytes: number;
  /** Ops: the device the run metadata recorded. */
  device?: string;
}

/** With a stats tag, on the root group's response: the colour scales' upper ends and the join. */
export interface StatsSummary {
  max_micros: number;
  max_bytes: number;
  matched: number;
  unmatched: number;
  devices: string[];
}

export interface GroupEdge {
  source: number;
  target: number;
  count: number;
  control: number;
  elements: number;
  shapes: string[];
}

export interface GraphSummary {
  nodes: number;
  edges: number;
  control_edges: number;
  groups: number;
  series: number;
  max_depth: number;
  build_ms: number;
  devices: string[];
  ops: [string, number][];
  problems: string[];
}

export interface GroupResponse {
  group: ItemSummary & { ancestors: number[] };
  children: ItemSummary[];
  edges: GroupEdge[];
  graph?: GraphSummary;
  stats?: StatsSummary;
}

export interface NodeAttr {
  key: string;
  value: string;
  bytes: number;
  large: boolean;
}

export interface NodeLink {
  name: string;
  id: number;
  control: boolean;
  shape?: string;
}

export interface NodeResponse extends Omit<ItemSummary, 'stats'> {
  /** Ops also get the device and output shapes the run metadata recorded, and how often it ran. */
  stats?: ItemStats & { output_shapes?: string[]; executions?: number };
  ancestors: number[];
  attrs?: NodeAttr[];
  inputs?: NodeLink[];
  outputs?: NodeLink[];
  op_histogram?: [string, number][];
}

export interface SearchResponse {
  matches: { id: number; name: string; op: string; ancestors: number[] }[];
  total: number;
}

export interface TraceResponse {
  ops: number;
  items: number[];
  truncated: boolean;
}

function specParams(spec: GraphSpec): Record<string, string | undefined> {
  return { run: spec.run, tag: spec.tag, conceptual: spec.conceptual ? 'true' : undefined, stats: spec.stats };
}

/** TensorBoard's listing of the runs' graphs (index.html's inline script may start it). */
export const INFO_URL = 'data/plugin/graphs/info';

export function fetchGraphsInfo(signal?: AbortSignal): Promise<GraphsInfo> {
  return getJson<GraphsInfo>(INFO_URL, signal);
}

/** The URL of one group of `spec`'s hierarchy (group 0 is the top level). */
export function groupUrl(spec: GraphSpec, group: number): string {
  return apiUrl('data/plugin/graphs/hierarchy', { ...specParams(spec), group });
}

export function fetchGroup(spec: GraphSpec, group: number, signal?: AbortSignal): Promise<GroupResponse> {
  return getJson<GroupResponse>(groupUrl(spec, group), signal);
}

export function fetchNode(spec: GraphSpec, id: number, signal?: AbortSignal): Promise<NodeResponse> {
  return getJson<NodeResponse>(apiUrl('data/plugin/graphs/node', { ...specParams(spec), id }), signal);
}

export function searchGraph(spec: GraphSpec, query: string, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson<SearchResponse>(apiUrl('data/plugin/graphs/search', { ...specParams(spec), q: query }), signal);
}

export function traceInputs(spec: GraphSpec, id: number, signal?: AbortSignal): Promise<TraceResponse> {
  return getJson<TraceResponse>(apiUrl('data/plugin/graphs/trace', { ...specParams(spec), id }), signal);
}
