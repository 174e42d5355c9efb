// One chart of a custom scalars layout: a multiline chart (every tag of the selected runs matching
// one of the chart's regexes) or a margin chart (value lines over their lower/upper bands), both
// drawn by the Scalars chart with its smoothing, axes, zoom, tooltip and downloads. An invalid
// regex or a failed request shows an error in this card only.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ScalarSeries } from '../../api/types';
import type { AppServices } from '../../app/services';
import { useCardFetch } from '../../charts/card_fetch';
import { EnlargeButton } from '../../charts/EnlargeButton';
import { ResetZoomButton } from '../../charts/ResetZoomButton';
import { useStore } from '../../state/store';
import { downloadText, fileStem, seriesToCsv, seriesToJson } from '../scalars/csv_export';
import type { ChartSeries } from '../scalars/chart_model';
import { ScalarChart } from '../scalars/scalar_chart';
import { type ChartSpec, type MarginBand, fetchMatchingSeries, lineLabels, marginBand } from './custom_data';
import { formatValue } from '../../charts/format';

/** A margin band as a banded chart series, labelled "run: value tag", with its bounds as notes. */
function bandSeries(band: MarginBand): ChartSeries {
  return {
    run: band.label,
    tag: band.label,
    step: band.step,
    wall_time: band.wall_time,
    value: band.value,
    lower: band.lower,
    upper: band.upper,
    note: band.lower.map((low, i) => `[${formatValue(low)}, ${formatValue(band.upper[i])}]`),
  };
}

/** A regex matching exactly `tag`. */
function exactly(tag: string): string {
  return `${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

type ChartData = { kind: 'multiline'; series: ScalarSeries[] } | { kind: 'margin'; bandSeries: ChartSeries[]; series: ScalarSeries[] };

async function loadChart(chart: ChartSpec, runs: readonly string[], signal: AbortSignal): Promise<ChartData> {
  if (chart.margin) {
    const specs = chart.margin.series ?? [];
    const tags = specs.flatMap((s) => [s.value, s.lower, s.upper]).filter((t) => t);
    const series = await fetchMatchingSeries(runs, tags.map(exactly), signal);
    const bands: MarginBand[] = [];
    for (const run of runs) {
      const byTag = new Map(series.filter((s) => s.run === run).map((s) => [s.tag, s]));
      for (const spec of specs) {
        const band = marginBand(run, spec, byTag);
        if (band) bands.push(band);
      }
    }
    return { kind: 'margin', bandSeries: bands.map(bandSeries), series };
  }
  return { kind: 'multiline', series: await fetchMatchingSeries(runs, chart.multiline?.tag ?? [], signal) };
}

interface CustomChartCardProps {
  app: AppServices;
  chart: ChartSpec;
  /** The selected runs, in run order. */
  runs: readonly string[];
}

export function CustomChartCard({ app, chart, runs }: CustomChartCardProps) {
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const scalarRef = useRef<ScalarChart | null>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const smoothing = useStore(app.view, (v) => v.smoothing);
  const xAxis = useStore(app.view, (v) => v.xAxis);
  const logY = useStore(app.view, (v) => v.logY);
  const ignoreOutliers = useStore(app.view, (v) => v.ignoreOutliers);
  const tooltipSort = useStore(app.view, (v) => v.tooltipSort);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const [wide, setWide] = useState(false);
  const [zoomed, setZoomed] = useState(false);
  const { data, error } = useCardFetch(cardRef, (signal) => loadChart(chart, runs, signal), [JSON.stringify(chart), runs.join('\n'), refresh]);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || !data) return;
    const card = cardRef.current!;
    if (!scalarRef.current) scalarRef.current = new ScalarChart(host, (zoom) => setZoomed(zoom !== null));
    const lines = data.kind === 'multiline' ? lineLabels(data.series) : data.bandSeries;
    scalarRef.current.update(lines, { smoothing, xAxis, logY, ignoreOutliers, tooltipSort, dark, color: (label) => app.colors.color(label) });
    card.dataset.lines = String(lines.length);
    if (data.kind === 'margin') card.dataset.bands = String(data.bandSeries.length);
  }, [data, smoothing, xAxis, logY, ignoreOutliers, tooltipSort, dark]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const observer = new ResizeObserver(() => {
      scalarRef.current?.resize(host.clientWidth);
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      scalarRef.current?.destroy();
    };
  }, []);

  const download = (format: 'csv' | 'json') => {
    if (!data) return;
    const text = format === 'csv' ? seriesToCsv(data.series) : seriesToJson(data.series);
    downloadText(`${fileStem(chart.title || 'chart')}.${format}`, text, format === 'csv' ? 'text/csv' : 'application/json');
  };

  return (
    <div ref={cardRef} class={wide ? 'card card--wide' : 'card'} data-tag={chart.title} data-kind={chart.margin ? 'margin' : 'multiline'}>
      <div class="card__header">
        <h3 class="card__title" title={chart.title}>
          {chart.title}
        </h3>
        <div class="card__actions">
          {zoomed && (
            <ResetZoomButton onReset={() => scalarRef.current?.resetZoom()} />
          )}
          <EnlargeButton wide={wide} onToggle={() => setWide(!wide)} />
          <button type="button" class="icon-button" title="Download CSV" aria-label="Download CSV" onClick={() => download('csv')}>
            CSV
          </button>
          <button type="button" class="icon-button" title="Download JSON" aria-label="Download JSON" onClick={() => download('json')}>
            JSON
          </button>
        </div>
      </div>
      <div class="card__chart custom-chart" ref={hostRef} />
      {data && data.series.length === 0 && <p class="card__empty">No scalar tag of the selected runs matches this chart.</p>}
      {error && <p class="card__error">{error}</p>}
      {!data && !error && <p class="card__loading">Loading…</p>}
    </div>
  );
}
