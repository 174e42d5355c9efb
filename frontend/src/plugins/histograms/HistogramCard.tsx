// One histogram card: the histograms of one tag of one run, loaded once the card nears the
// viewport and again on each data refresh, drawn by a HistogramChart. By default the server
// re-bins them to about one bin per two pixels of the card (histograms/rebinned); `load` may
// fetch them another way; the card then fetches a hovered step's original buckets. `linkedStep`
// outlines a step chosen outside the card (the Time Series grid's linked step), and clicking a
// histogram reports its step through `onStepPicked`.
import { useEffect, useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CanvasChartCard } from '../../charts/CanvasChartCard';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useCardChart } from '../../charts/use_card_chart';
import { useStore } from '../../state/store';
import { HistogramChart } from './histogram_chart';
import { isExported } from '../../api/export_mode';
import { type HistogramSeries, fetchRebinnedHistograms } from './histogram_data';
import { binsForWidth } from './early_rebinned';
import { stepBucketsLoader } from './step_buckets';

/** Loads every histogram of a (run, tag), drawn `bins` bins wide. */
export type HistogramsLoader = (run: string, tag: string, bins: number, signal: AbortSignal) => Promise<HistogramSeries>;


/** The page's first histogram chart has been drawn. */
let firstPaintMarked = false;

interface HistogramCardProps {
  app: AppServices;
  card: RunTagCard;
  load?: HistogramsLoader;
  /** A step chosen outside the card (linked steps): its histogram is outlined. */
  linkedStep?: number | null;
  /** Called with the step of the histogram the user clicks. */
  onStepPicked?: (step: number) => void;
  /**
   * Whether the card reads its box when it mounts, so that on screen its request leaves in that
   * commit rather than after the IntersectionObserver's first report, a painted frame later (the
   * Histograms dashboard: its cards read their width then anyway). The Time Series grid, which
   * mounts cards while scrolling, passes false: no forced layout at mount.
   */
  measureAtMount?: boolean;
}

export function HistogramCard({ app, card, load = fetchRebinnedHistograms, linkedStep = null, onStepPicked, measureAtMount = true }: HistogramCardProps) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const mode = useStore(app.view, (v) => v.histogramMode);
  const axis = useStore(app.view, (v) => v.xAxis);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const loadTimes = useRef({ startedAt: 0, fetchMs: 0, flattenMs: 0 });
  // Torch-sized histograms are megabytes: refetch at most every two seconds during live updates.
  const { data: series, error } = useCardFetch(
    cardRef,
    async (signal) => {
      const started = performance.now();
      const flat = await load(run, tag, binsForWidth(hostRef.current?.clientWidth || 800), signal);
      loadTimes.current = { startedAt: started, fetchMs: performance.now() - started, flattenMs: 0 };
      return flat;
    },
    [run, tag, refresh],
    2000,
    { measureAtMount },
  );
  const color = app.colors.color(run);
  // Read when the user clicks, so the chart (made once) always calls the current callback.
  const picked = useRef(onStepPicked);
  picked.current = onStepPicked;

  const chartRef = useCardChart(
    hostRef,
    (host) =>
      new HistogramChart(host, `Histograms of ${tag} for run ${run}`, {
        // Re-binned bins are not the buckets written: hovering fetches the step's own.
        loadStep: load === fetchRebinnedHistograms && !isExported() ? stepBucketsLoader(run, tag) : undefined,
        pickStep: (step) => picked.current?.(step),
      }),
    series,
    (chart, shown) => {
      const started = performance.now();
      chart.update(shown, { mode, axis, color, dark });
      // Published for tests and the paint benchmark.
      const element = cardRef.current!;
      element.dataset.histograms = String(shown.steps.length);
      element.dataset.mode = mode;
      element.dataset.paintMs = (performance.now() - started).toFixed(1);
      element.dataset.fetchMs = loadTimes.current.fetchMs.toFixed(1);
      element.dataset.flattenMs = loadTimes.current.flattenMs.toFixed(1);
      // From the request leaving to the chart drawn.
      element.dataset.cardMs = (performance.now() - loadTimes.current.startedAt).toFixed(1);
      // When the page's first histogram chart was drawn (bench_histograms.mjs's timeline).
      if (!firstPaintMarked) {
        firstPaintMarked = true;
        performance.mark('tbx:histograms-painted');
      }
    },
    [mode, axis, color, dark],
  );
  // Only the top canvas is redrawn when the linked step moves. After the chart's own effect,
  // which creates the chart when the data first arrives.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !series) return;
    const shown = chart.setLinkedStep(linkedStep);
    // Published for tests: the step outlined.
    if (shown === null) delete cardRef.current!.dataset.linkedStep;
    else cardRef.current!.dataset.linkedStep = String(shown);
  }, [linkedStep, series]);

  return (
    <CanvasChartCard cardRef={cardRef} hostRef={hostRef} card={card} color={color} error={error} loaded={series !== null}>
      {series && series.steps.length === 0 && <p class="card__loading">No histograms.</p>}
    </CanvasChartCard>
  );
}
