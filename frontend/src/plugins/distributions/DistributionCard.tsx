// One distribution card: the basis points of one tag of one run over time, loaded once the card
// nears the viewport and again on each data refresh.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CardHeader } from '../../charts/CardHeader';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useResizingChart } from '../../charts/use_resizing_chart';
import { useStore } from '../../state/store';
import { fetchDistributions, toColumns } from './bands';
import { DistributionChart } from './distribution_chart';

export function DistributionCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<DistributionChart | null>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const axis = useStore(app.view, (v) => v.xAxis);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const [wide, setWide] = useState(false);
  const { data, error: fetchError } = useCardFetch(cardRef, (signal) => fetchDistributions(run, tag, signal), [run, tag, refresh], 2000);
  const built = useMemo(() => {
    try {
      return { columns: data ? toColumns(data, axis) : null, error: null };
    } catch (e) {
      return { columns: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [data, axis]);
  const { columns } = built;
  const error = fetchError ?? built.error;
  const color = app.colors.color(run);

  useResizingChart(hostRef, chartRef);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !columns) return;
    chartRef.current ??= new DistributionChart(host, `Distributions of ${tag} for run ${run}`);
    chartRef.current.resize(host.clientWidth);
    chartRef.current.update(columns, { axis, color, dark });
    cardRef.current!.dataset.steps = String(columns.steps.length);
  }, [columns, color, dark]);

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
      {!columns && !error && <p class="card__loading">Loading…</p>}
    </div>
  );
}
