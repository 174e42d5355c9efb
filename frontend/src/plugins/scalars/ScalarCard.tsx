// One scalar card: the chart of one tag for every selected run that has it, with downloads,
// enlarge, and zoom that refetches the zoomed step range at full resolution.
// Fetches only once the card has come near the viewport, and again on each data refresh, through
// `loadSeries` (default: the scalars plugin's `series` route; the Time Series grid batches).
// `linkedStep` marks a step chosen outside the card (the grid's linked step); a click on the chart
// reports the nearest point's step through `onStepPicked`.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ScalarSeries } from '../../api/types';
import type { AppServices } from '../../app/services';
import type { DeferDraw } from '../../charts/draw_pieces';
import { EnlargeButton } from '../../charts/EnlargeButton';
import { ResetZoomButton } from '../../charts/ResetZoomButton';
import { useVisibility } from '../../shell/use_visible';
import { useStore } from '../../state/store';
import { DownloadMenu } from './DownloadMenu';
import { downloadText, fileStem, seriesToCsv, seriesToJson } from './csv_export';
import { pointsForWidth } from './chart_model';
import { ScalarChart, type ZoomRange } from './scalar_chart';

/** Loads the series of a card's query (the shape of `api.scalarSeries`). */
export type ScalarSeriesLoader = typeof api.scalarSeries;

interface ScalarCardProps {
  app: AppServices;
  tag: string;
  /** Selected runs that have this tag, in run order. */
  runs: string[];
  /** Every run having this tag is selected: the request names no runs (short URLs). */
  allRuns: boolean;
  /** The tag's description as plain text. */
  description: string;
  /** Where the card's series come from; zoomed ranges and downloads always use the series route. */
  loadSeries?: ScalarSeriesLoader;
  /** A step chosen outside the card (linked steps): a rule marks it. */
  linkedStep?: number | null;
  /** Called with the step of the point nearest a click on the chart. */
  onStepPicked?: (step: number) => void;
  /** Splits the chart's first draw into pieces run in later tasks (the Time Series grid). */
  deferDraw?: DeferDraw;
  /**
   * Reads the card's box and width in the commit that mounts it (forcing a layout), so the first
   * screen's requests leave in that task. Off in the Time Series grid, whose cells mount while
   * scrolling: there the forced layout of the page made the mounting tasks long, and the width
   * comes from the ResizeObserver's first report and visibility from the IntersectionObserver's.
   */
  layoutAtMount?: boolean;
}

export function ScalarCard({
  app,
  tag,
  runs,
  allRuns,
  description,
  loadSeries = api.scalarSeries,
  linkedStep = null,
  onStepPicked,
  deferDraw,
  layoutAtMount = true,
}: ScalarCardProps) {
  const cardRef = useRef<HTMLDivElement>(null);
  const chartHostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ScalarChart | null>(null);
  // Measured at mount (the width effect below forces that layout anyway): the first screen's cards
  // ask for their series in the task that mounts them, not a painted frame later.
  const { seen, visible } = useVisibility(cardRef, undefined, { measureAtMount: layoutAtMount });
  const refresh = useStore(app.data, (d) => d.refresh);
  const smoothing = useStore(app.view, (v) => v.smoothing);
  const xAxis = useStore(app.view, (v) => v.xAxis);
  const logY = useStore(app.view, (v) => v.logY);
  const ignoreOutliers = useStore(app.view, (v) => v.ignoreOutliers);
  const tooltipSort = useStore(app.view, (v) => v.tooltipSort);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const [wide, setWide] = useState(false);
  const [width, setWidth] = useState(0);
  const [zoomSteps, setZoomSteps] = useState<[number, number] | null>(null);
  const [series, setSeries] = useState<ScalarSeries[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runsKey = runs.join('\n');
  // Read when the user clicks, so the chart (made once) always calls the current callback.
  const picked = useRef(onStepPicked);
  picked.current = onStepPicked;
  const points = pointsForWidth(width, runs.length);

  // Track the chart's width (cards resize with the window and when enlarged).
  useLayoutEffect(() => {
    const host = chartHostRef.current;
    if (!host) return undefined;
    if (layoutAtMount) setWidth(host.clientWidth);
    const observer = new ResizeObserver(() => {
      setWidth(host.clientWidth);
      chartRef.current?.resize(host.clientWidth);
    });
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  // Started in a layout effect so requests leave before the first paint of the cards.
  useLayoutEffect(() => {
    if (!seen || width === 0 || runs.length === 0) return undefined;
    const controller = new AbortController();
    const load = zoomSteps ? api.scalarSeries : loadSeries;
    load(
        { tags: [tag], runs: allRuns ? [] : runs, points, minStep: zoomSteps?.[0], maxStep: zoomSteps?.[1] },
        controller.signal,
      )
      .then((answer) => {
        setSeries(answer.series);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [seen, tag, runsKey, allRuns, refresh, points, zoomSteps?.[0], zoomSteps?.[1]]);

  // A layout effect, so a slider move redraws in the same task as the input event.
  // Cards out of view are brought up to date when they come back into view.
  useLayoutEffect(() => {
    const host = chartHostRef.current;
    if (!host || !series || !visible) return;
    if (!chartRef.current) {
      chartRef.current = new ScalarChart(
        host,
        (zoom: ZoomRange | null) => setZoomSteps(zoom?.steps ?? null),
        (step) => picked.current?.(step),
        deferDraw,
        width,
      );
    }
    chartRef.current.update(series, {
      smoothing,
      xAxis,
      logY,
      ignoreOutliers,
      tooltipSort,
      dark,
      color: (run) => app.colors.color(run),
    });
    // Published for tests and tools: how much is drawn, and up to which step.
    const card = cardRef.current!;
    card.dataset.points = String(series.reduce((sum, s) => sum + s.step.length, 0));
    card.dataset.maxStep = String(Math.max(-Infinity, ...series.map((s) => s.step[s.step.length - 1] ?? -Infinity)));
    card.dataset.runs = String(series.length);
  }, [series, smoothing, xAxis, logY, ignoreOutliers, tooltipSort, dark, visible]);

  // After the chart's update (declared after it), so the rule follows new data and axes.
  useLayoutEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const shown = chart.setLinkedStep(linkedStep);
    // Published for tests: the step marked.
    if (shown === null) delete cardRef.current!.dataset.linkedStep;
    else cardRef.current!.dataset.linkedStep = String(shown);
  }, [linkedStep, series, xAxis, logY, dark, visible]);

  useEffect(() => () => chartRef.current?.destroy(), []);

  const downloadAll = async (format: 'csv' | 'json') => {
    const full = await api.scalarSeries({ tags: [tag], runs: allRuns ? [] : runs, points: 0 });
    const text = format === 'csv' ? seriesToCsv(full.series) : seriesToJson(full.series);
    downloadText(`${fileStem(tag)}.${format}`, text, format === 'csv' ? 'text/csv' : 'application/json');
  };

  return (
    <div ref={cardRef} class={wide ? 'card card--wide' : 'card'} data-tag={tag}>
      <div class="card__header">
        <CardTitle tag={tag} description={description} />
        <div class="card__actions">
          {zoomSteps && (
            <ResetZoomButton onReset={() => chartRef.current?.resetZoom()} />
          )}
          <EnlargeButton wide={wide} onToggle={() => setWide(!wide)} />
          <DownloadMenu app={app} tag={tag} runs={runs} onDownloadAll={(format) => void downloadAll(format)} />
        </div>
      </div>
      {description && <p class="card__description">{description}</p>}
      <div class="card__chart" ref={chartHostRef} />
      {error && <p class="card__error">{error}</p>}
      {!series && !error && <p class="card__loading">Loading…</p>}
    </div>
  );
}

/** A card's title: its tag, and its description on hover. */
function CardTitle({ tag, description }: { tag: string; description: string }) {
  return (
    <h3 class="card__title" title={description || tag}>
      {tag}
    </h3>
  );
}

/**
 * Stands for a card off the first screen until the dashboard makes it (TagGroups' `firstScreen`):
 * the card's box, title and description, loading, without its controls, observers or chart.
 */
export function ScalarCardPlaceholder({ tag, description }: { tag: string; description: string }) {
  return (
    <div class="card">
      <div class="card__header">
        <CardTitle tag={tag} description={description} />
      </div>
      {description && <p class="card__description">{description}</p>}
      <div class="card__chart" />
      <p class="card__loading">Loading…</p>
    </div>
  );
}
