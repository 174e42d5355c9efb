// One histogram card: the histograms of one tag of one run, loaded once the card nears the
// viewport and again on each data refresh, drawn by a HistogramChart.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CardHeader } from '../../charts/CardHeader';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useResizingChart } from '../../charts/use_resizing_chart';
import { useStore } from '../../state/store';
import { HistogramChart } from './histogram_chart';
import { fetchHistograms, toHistogramSeries } from './histogram_data';

export function HistogramCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<HistogramChart | null>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const mode = useStore(app.view, (v) => v.histogramMode);
  const axis = useStore(app.view, (v) => v.xAxis);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const [wide, setWide] = useState(false);
  const loadTimes = useRef({ fetchMs: 0, flattenMs: 0 });
  // Torch-sized histograms are megabytes: refetch at most every two seconds during live updates.
  const { data: series, error } = useCardFetch(
    cardRef,
    async (signal) => {
      const started = performance.now();
      const answer = await fetchHistograms(run, tag, signal);
      const fetched = performance.now();
      const flat = toHistogramSeries(answer);
      loadTimes.current = { fetchMs: fetched - started, flattenMs: performance.now() - fetched };
      return flat;
    },
    [run, tag, refresh],
    2000,
  );
  const color = app.colors.color(run);

  useResizingChart(hostRef, chartRef);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !series) return;
    const started = performance.now();
    chartRef.current ??= new HistogramChart(host, `Histograms of ${tag} for run ${run}`);
    chartRef.current.resize(host.clientWidth);
    chartRef.current.update(series, { mode, axis, color, dark });
    // Published for tests and the paint benchmark.
    const element = cardRef.current!;
    element.dataset.histograms = String(series.steps.length);
    element.dataset.mode = mode;
    element.dataset.paintMs = (performance.now() - started).toFixed(1);
    element.dataset.fetchMs = loadTimes.current.fetchMs.toFixed(1);
    element.dataset.flattenMs = loadTimes.current.flattenMs.toFixed(1);
  }, [series, mode, axis, color, dark]);

  return (
    <div ref={cardRef} class={wide ? 'card card--wide' : 'card'} data-tag={tag} data-run={run}>
      <CardHeader tag={tag} run={run} color={color} description={card.info.description}>
        <button
          type="button"
          class="icon-button"
          title={wide ? 'Shrink card' : 'Enlarge card'}
          aria-label={wide ? 'Shrink card' : 'Enlarge card'}
          aria-pressed={wide}
          onClick={() => setWide(!wide)}
        >
          {wide ? '⤡' : '⤢'}
        </button>
      </CardHeader>
      <div class="card__chart card__chart--canvas" ref={hostRef} />
      {error && <p class="card__error">{error}</p>}
      {!series && !error && <p class="card__loading">Loading…</p>}
      {series && series.steps.length === 0 && <p class="card__loading">No histograms.</p>}
    </div>
  );
}
