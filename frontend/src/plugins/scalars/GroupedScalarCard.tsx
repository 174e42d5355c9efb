// A scalar card drawn by run group (run_groups.ts): one mean line per group with its band (min–max
// or ±1 std), steps aligned across runs, drawn by the Scalars chart, so it has the same smoothing
// (of the mean and the band), x axes, log scale, box zoom and tooltip; the tooltip's last column
// gives each group's spread and run count at the nearest step. Used by the Scalars dashboard
// instead of ScalarCard while run grouping is on. Fetches every point of the tag for its runs when
// it comes into view and on each refresh (zooming only re-ranges: every point is already here).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ScalarSeries } from '../../api/types';
import type { AppServices } from '../../app/services';
import { EnlargeButton } from '../../charts/EnlargeButton';
import { ResetZoomButton } from '../../charts/ResetZoomButton';
import { useChartLifetime } from '../../charts/use_card_chart';
import { formatValue } from '../../charts/format';
import { useVisibility } from '../../shell/use_visible';
import { useStore } from '../../state/store';
import type { ChartSeries } from './chart_model';
import { type GroupCurve, type RunGrouping, aggregateGroup, groupRuns } from './run_groups';
import { ScalarChart } from './scalar_chart';

interface Props {
  app: AppServices;
  tag: string;
  runs: string[];
  grouping: RunGrouping;
  hparamOf: (run: string) => string | undefined;
}

/** A group's curve as a banded chart series named after the group. */
function groupSeries(curve: GroupCurve, tag: string, band: RunGrouping['band']): ChartSeries {
  const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;
  return {
    run: curve.name,
    tag,
    step: curve.steps,
    wall_time: curve.wallTime,
    value: curve.mean,
    lower: curve.lo,
    upper: curve.hi,
    note: curve.count.map((n, i) =>
      band === 'std'
        ? `±${formatValue((curve.hi[i] - curve.lo[i]) / 2)} · ${runs(n)}`
        : `${formatValue(curve.lo[i])} – ${formatValue(curve.hi[i])} · ${runs(n)}`,
    ),
  };
}

export function GroupedScalarCard({ app, tag, runs, grouping, hparamOf }: Props) {
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ScalarChart | null>(null);
  const { seen, visible } = useVisibility(cardRef);
  const refresh = useStore(app.data, (d) => d.refresh);
  const smoothing = useStore(app.view, (v) => v.smoothing);
  const xAxis = useStore(app.view, (v) => v.xAxis);
  const logY = useStore(app.view, (v) => v.logY);
  const ignoreOutliers = useStore(app.view, (v) => v.ignoreOutliers);
  const tooltipSort = useStore(app.view, (v) => v.tooltipSort);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const [series, setSeries] = useState<ScalarSeries[] | null>(null);
  const [wide, setWide] = useState(false);
  const [zoomed, setZoomed] = useState(false);
  const runsKey = runs.join('\n');

  useEffect(() => {
    if (!seen || runs.length === 0) return undefined;
    const controller = new AbortController();
    api
      .scalarSeries({ tags: [tag], runs, points: 0 }, controller.signal)
      .then((answer) => setSeries(answer.series))
      .catch(() => undefined);
    return () => controller.abort();
  }, [seen, tag, runsKey, refresh]);

  const curves: GroupCurve[] = useMemo(() => {
    if (!series) return [];
    const byRun = new Map(series.map((s) => [s.run, s]));
    const groups = groupRuns(series.map((s) => s.run), grouping, hparamOf);
    return [...groups.entries()].map(([name, members]) =>
      aggregateGroup(name, members.map((r) => byRun.get(r)!), grouping.band),
    );
  }, [series, grouping.by, grouping.key, grouping.band, hparamOf]);
  const chartSeries = useMemo(() => curves.map((c) => groupSeries(c, tag, grouping.band)), [curves, tag, grouping.band]);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || !series || !visible) return;
    if (!chartRef.current) chartRef.current = new ScalarChart(host, (zoom) => setZoomed(zoom !== null));
    // A group takes the colour of its first run.
    const colorOf = new Map(curves.map((c) => [c.name, app.colors.color(c.runs[0])]));
    chartRef.current.update(chartSeries, {
      smoothing,
      xAxis,
      logY,
      ignoreOutliers,
      tooltipSort,
      dark,
      color: (name) => colorOf.get(name) ?? app.colors.color(name),
    });
  }, [chartSeries, smoothing, xAxis, logY, ignoreOutliers, tooltipSort, dark, visible]);

  useChartLifetime(hostRef, chartRef);

  return (
    <div class={wide ? 'card card--wide' : 'card'} ref={cardRef} data-tag={tag} data-group-count={series ? curves.length : undefined}>
      <div class="card__header">
        <h3 class="card__title" title={`${tag} by run group`}>
          {tag}
        </h3>
        <div class="card__actions">
          {zoomed && (
            <ResetZoomButton onReset={() => chartRef.current?.resetZoom()} />
          )}
          <EnlargeButton wide={wide} onToggle={() => setWide(!wide)} />
        </div>
      </div>
      <div class="card__chart" ref={hostRef} aria-label={`${tag} by run group`} />
      {series && curves.length === 0 && <p class="card__empty">No data.</p>}
      {!series && <p class="card__loading">Loading…</p>}
    </div>
  );
}
