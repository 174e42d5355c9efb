// One histogram card: the histograms of one tag of one run, loaded once the card nears the
// viewport and again on each data refresh, drawn by a HistogramChart. By default the server
// re-bins them to about one bin per two pixels of the card (histograms/rebinned); `load` may
// fetch them another way.
import { useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CanvasChartCard } from '../../charts/CanvasChartCard';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useCardChart } from '../../charts/use_card_chart';
import { useStore } from '../../state/store';
import { HistogramChart } from './histogram_chart';
import { type HistogramSeries, fetchRebinnedHistograms } from './histogram_data';

/** Loads every histogram of a (run, tag), drawn `bins` bins wide. */
export type HistogramsLoader = (run: string, tag: string, bins: number, signal: AbortSignal) => Promise<HistogramSeries>;

/** Bins for a chart `width` pixels wide: one per two pixels, at least 16 (as the chart draws). */
export function binsForWidth(width: number): number {
  return Math.max(16, Math.floor(width / 2));
}

interface HistogramCardProps {
  app: AppServices;
  card: RunTagCard;
  load?: HistogramsLoader;
}

export function HistogramCard({ app, card, load = fetchRebinnedHistograms }: HistogramCardProps) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const mode = useStore(app.view, (v) => v.histogramMode);
  const axis = useStore(app.view, (v) => v.xAxis);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const loadTimes = useRef({ fetchMs: 0, flattenMs: 0 });
  // Torch-sized histograms are megabytes: refetch at most every two seconds during live updates.
  const { data: series, error } = useCardFetch(
    cardRef,
    async (signal) => {
      const started = performance.now();
      const flat = await load(run, tag, binsForWidth(hostRef.current?.clientWidth || 800), signal);
      loadTimes.current = { fetchMs: performance.now() - started, flattenMs: 0 };
      return flat;
    },
    [run, tag, refresh],
    2000,
  );
  const color = app.colors.color(run);

  useCardChart(
    hostRef,
    (host) => new HistogramChart(host, `Histograms of ${tag} for run ${run}`),
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
    },
    [mode, axis, color, dark],
  );

  return (
    <CanvasChartCard cardRef={cardRef} hostRef={hostRef} card={card} color={color} error={error} loaded={series !== null}>
      {series && series.steps.length === 0 && <p class="card__loading">No histograms.</p>}
    </CanvasChartCard>
  );
}
