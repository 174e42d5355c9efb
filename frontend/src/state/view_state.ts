// The shareable view state and its encoding in the URL hash, so a copied link restores the view.
//
// Encoded as `#k=v&k=v` with URLSearchParams escaping; only values different from the defaults are
// written. Runs are stored as the DESELECTED set, so runs that appear later are shown by default.

export type XAxis = 'step' | 'relative' | 'wall';
/** The order of the runs in a scalar chart's tooltip. */
export type TooltipSort = 'descending' | 'ascending' | 'nearest' | 'name';

export interface ViewState {
  /** Active plugin tab ('' = the first enabled one). */
  tab: string;
  runFilter: string;
  /** The run filter is a fuzzy pattern (its letters in order) instead of a regex. */
  runFuzzy: boolean;
  tagFilter: string;
  /** Runs switched off in the run selector. */
  deselected: string[];
  /** Smoothing weight in [0, 0.999]. */
  smoothing: number;
  xAxis: XAxis;
  logY: boolean;
  ignoreOutliers: boolean;
  tooltipSort: TooltipSort;
  /** Histograms drawn as ridges stacked along time ('offset') or on one baseline ('overlay'). */
  histogramMode: 'offset' | 'overlay';
  /** Text summaries rendered from Markdown (true) or shown as the raw, escaped text (false). */
  textMarkdown: boolean;
  /** Time Series cards pinned to the top, by card key (plugins/timeseries/card_specs.ts). */
  pinned: string[];
  /** The HParams dashboard's state (view, sort, filters, …) as compact JSON; '' = defaults. */
  hparams: string;
  /** Scalars run grouping (plugins/scalars/run_groups.ts) as JSON; '' = runs drawn one by one. */
  groupRuns: string;
}

export const DEFAULT_VIEW: ViewState = {
  tab: '',
  runFilter: '',
  runFuzzy: false,
  tagFilter: '',
  deselected: [],
  smoothing: 0.6,
  xAxis: 'step',
  logY: false,
  ignoreOutliers: true,
  tooltipSort: 'descending',
  histogramMode: 'offset',
  textMarkdown: true,
  pinned: [],
  hparams: '',
  groupRuns: '',
};

const X_AXES: readonly XAxis[] = ['step', 'relative', 'wall'];
export const TOOLTIP_SORTS: readonly TooltipSort[] = ['descending', 'ascending', 'nearest', 'name'];

/** Encodes `view` as a hash fragment without the leading '#'. */
export function encodeViewState(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.tab) params.set('tab', view.tab);
  if (view.runFilter) params.set('runFilter', view.runFilter);
  if (view.runFuzzy) params.set('runMatch', 'fuzzy');
  if (view.tagFilter) params.set('tagFilter', view.tagFilter);
  for (const run of view.deselected) params.append('off', run);
  if (view.smoothing !== DEFAULT_VIEW.smoothing) params.set('smoothing', String(view.smoothing));
  if (view.xAxis !== DEFAULT_VIEW.xAxis) params.set('x', view.xAxis);
  if (view.logY !== DEFAULT_VIEW.logY) params.set('log', view.logY ? '1' : '0');
  if (view.ignoreOutliers !== DEFAULT_VIEW.ignoreOutliers) {
    params.set('outliers', view.ignoreOutliers ? 'ignore' : 'show');
  }
  if (view.tooltipSort !== DEFAULT_VIEW.tooltipSort) params.set('tooltipSort', view.tooltipSort);
  if (view.histogramMode !== DEFAULT_VIEW.histogramMode) params.set('histograms', view.histogramMode);
  if (view.textMarkdown !== DEFAULT_VIEW.textMarkdown) params.set('markdown', view.textMarkdown ? '1' : '0');
  for (const key of view.pinned) params.append('pin', key);
  if (view.hparams) params.set('hp', view.hparams);
  if (view.groupRuns) params.set('group', view.groupRuns);
  return params.toString();
}

/**
 * The tab of a TensorBoard-style link, `#images` or `#scalars&tagFilter=loss`: a first key with
 * no value that names a plugin.
 */
function bareTab(params: URLSearchParams): string | null {
  const first = params.entries().next();
  if (first.done) return null;
  const [key, value] = first.value;
  return value === '' && /^[a-z][a-z0-9_-]*$/i.test(key) ? key : null;
}

/** Decodes a hash fragment (with or without '#'); unknown or invalid values fall back to defaults. */
export function decodeViewState(hash: string): ViewState {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const smoothing = Number(params.get('smoothing'));
  const x = params.get('x') as XAxis | null;
  const tooltipSort = params.get('tooltipSort') as TooltipSort | null;
  return {
    tab: params.get('tab') ?? bareTab(params) ?? DEFAULT_VIEW.tab,
    runFilter: params.get('runFilter') ?? DEFAULT_VIEW.runFilter,
    runFuzzy: params.get('runMatch') === 'fuzzy',
    tagFilter: params.get('tagFilter') ?? DEFAULT_VIEW.tagFilter,
    deselected: params.getAll('off'),
    smoothing:
      params.has('smoothing') && Number.isFinite(smoothing) && smoothing >= 0 && smoothing < 1
        ? smoothing
        : DEFAULT_VIEW.smoothing,
    xAxis: x && X_AXES.includes(x) ? x : DEFAULT_VIEW.xAxis,
    logY: params.has('log') ? params.get('log') === '1' : DEFAULT_VIEW.logY,
    ignoreOutliers: params.has('outliers')
      ? params.get('outliers') !== 'show'
      : DEFAULT_VIEW.ignoreOutliers,
    tooltipSort: tooltipSort && TOOLTIP_SORTS.includes(tooltipSort) ? tooltipSort : DEFAULT_VIEW.tooltipSort,
    histogramMode: params.get('histograms') === 'overlay' ? 'overlay' : DEFAULT_VIEW.histogramMode,
    textMarkdown: params.has('markdown') ? params.get('markdown') !== '0' : DEFAULT_VIEW.textMarkdown,
    pinned: params.getAll('pin'),
    hparams: params.get('hp') ?? DEFAULT_VIEW.hparams,
    groupRuns: params.get('group') ?? DEFAULT_VIEW.groupRuns,
  };
}

/** Compiles a user regex case-insensitively; an invalid one yields an error message instead. */
export function compileFilter(source: string): { regex: RegExp | null; error: string | null } {
  if (!source) return { regex: null, error: null };
  try {
    return { regex: new RegExp(source, 'i'), error: null };
  } catch (e) {
    return { regex: null, error: e instanceof Error ? e.message : String(e) };
  }
}
