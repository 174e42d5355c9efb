// One distribution card: the basis points of one tag of one run over time, loaded once the card
// nears the viewport and again on each data refresh.
import { useMemo, useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CanvasChartCard } from '../../charts/CanvasChartCard';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useCardChart } from '../../charts/use_card_chart';
import { useStore } from '../../state/store';
import { fetchDistributions, toColumns } from './bands';
import { DistributionChart } from './distribution_chart';

export function DistributionCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const axis = useStore(app.view, (v) => v.xAxis);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
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

  // `columns` changes with the axis, so the axis need not be listed.
  useCardChart(
    hostRef,
    (host) => new DistributionChart(host, `Distributions of ${tag} for run ${run}`),
    columns,
    (chart, shown) => {
      chart.update(shown, { axis, color, dark });
      cardRef.current!.dataset.steps = String(shown.steps.length);
    },
    [color, dark],
  );

  return <CanvasChartCard cardRef={cardRef} hostRef={hostRef} card={card} color={color} error={error} loaded={columns !== null} />;
}
