// JSON shapes of the HTTP API the frontend reads (TensorBoard's routes plus tbx's additions).

/** One entry of `data/plugins_listing`, keyed by plugin name, in tab order. */
export interface PluginListing {
  tab_name: string;
  enabled: boolean;
  disable_reload?: boolean;
  remove_dom?: boolean;
}
export type PluginsListing = Record<string, PluginListing>;

export interface WindowProperties {
  window_title: string;
}

/** `data/plugin/scalars/tags`: run → tag → metadata. `description` is sanitized HTML. */
export type ScalarTags = Record<string, Record<string, { displayName: string; description: string }>>;

/**
 * `data/plugin/scalars/tag_list` (tbx's compact listing): each tag once, with the runs holding it
 * as indices into `runs`, or null when every run in `runs` holds it.
 */
export interface ScalarTagList {
  runs: string[];
  tags: { tag: string; displayName: string; description: string; runs: number[] | null }[];
}

/**
 * A typed column of a binary `/series` answer, in the narrowest encoding that holds its numbers
 * exactly (http_api.md): float64, float32 (values logged as float32) or int32 (steps, whole-second
 * wall times, integer values). Read as numbers, each kind gives the same values; code that only
 * reads a column takes any of them as it is, without a widening copy.
 */
export type Column = Float64Array | Float32Array | Int32Array;

/** A numeric column: a plain array, or a typed array straight from a binary response. */
export type NumberColumn = number[] | Column;

/** One columnar series of `data/plugin/scalars/series`. Values may be NaN or ±Infinity. */
export interface ScalarSeries {
  run: string;
  tag: string;
  step: NumberColumn;
  wall_time: NumberColumn;
  value: NumberColumn;
}

export interface RunStatus {
  run: string;
  files: number;
  bytes_read: number;
  bytes_present: number;
  loaded: boolean;
  errors: string[];
}

/** `data/status`: the loading state of the logdir. */
export interface DataStatus {
  generation: number;
  first_load_done: boolean;
  runs: RunStatus[];
}

/** `data/changes`: the data generation after a change (or the same after a timeout). */
export interface DataChanges {
  generation: number;
}
