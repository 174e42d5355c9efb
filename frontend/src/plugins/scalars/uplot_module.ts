// uPlot's module, imported on demand rather than with the chart code. The Scalars charts draw
// their lines and axes themselves and build uPlot only for the interaction (scalar_chart.ts), so
// the first screen does not need it; evaluating it (its top level builds Intl number and date
// formatters, among others) took 23–34 ms of main thread before the first charts were painted
// (2026-12-07). ScalarChart imports it once the first screen's charts have been drawn (the quiet
// period before its idle builds) or at a chart's first pointer or focus, whichever comes first.
// A performance mark `tbx:uplot-loaded` tells tests when the module has been evaluated.
// UI thread only.
import type uPlot from 'uplot';

let loaded: typeof uPlot | null = null;
let loading: Promise<typeof uPlot> | null = null;

/** uPlot's class once its module has been evaluated; null before. */
export function uPlotIfLoaded(): typeof uPlot | null {
  return loaded;
}

/**
 * uPlot's class: imports its module on the first call, and again on a call after a failed import
 * (e.g. a network error), so that the next pointer retries. Chromium fetches the module again
 * then; a browser that keeps a failed module fetch (the HTML standard's older rule) fails each
 * retry at once, and only reloading the page brings the cursor back.
 */
export function loadUPlot(): Promise<typeof uPlot> {
  loading ??= import('uplot').then(
    (module) => {
      loaded = module.default;
      performance.mark('tbx:uplot-loaded');
      return loaded;
    },
    (error: unknown) => {
      loading = null;
      console.error("tbx: the charts' cursor code did not load", error);
      throw error;
    },
  );
  return loading;
}
