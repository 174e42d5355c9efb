// One PR curve card: the curves of one tag for every selected run having it, each run at the step
// chosen with its own slider (newest by default), with a tooltip per point. A run whose data the
// server rejects (e.g. a tensor of the wrong shape) shows the error in this card only.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { StepSlider } from '../../charts/StepSlider';
import { useCardFetch } from '../../charts/card_fetch';
import { useStore } from '../../state/store';
import { PrChart } from './pr_chart';
import './pr_curves.css';
import { type PrCurve, fetchPrCurves } from './pr_data';

interface PrCurveCardProps {
  app: AppServices;
  tag: string;
  /** Selected runs having the tag, in run order. */
  runs: readonly string[];
  description: string;
}

export function PrCurveCard({ app, tag, runs, description }: PrCurveCardProps) {
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<PrChart | null>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const { data, error } = useCardFetch(cardRef, (signal) => fetchPrCurves(tag, runs, signal), [tag, runs.join('\n'), refresh]);
  /** run → the step chosen with its slider; runs not in here show their newest step. */
  const [chosen, setChosen] = useState<Record<string, number>>({});

  const perRun = useMemo(
    () =>
      runs
        .filter((run) => data?.[run]?.length)
        .map((run) => {
          const entries = data![run];
          const steps = entries.map((e) => e.step);
          const wallTimes = entries.map((e) => e.wall_time);
          const found = chosen[run] === undefined ? -1 : steps.indexOf(chosen[run]);
          const index = found >= 0 ? found : entries.length - 1;
          return { run, entries, steps, wallTimes, index };
        }),
    [data, runs, chosen],
  );
  const curves: PrCurve[] = perRun.map(({ run, entries, index }) => ({ run, color: app.colors.color(run), entry: entries[index] }));

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || !data) return;
    if (!chartRef.current) chartRef.current = new PrChart(host);
    chartRef.current.update(curves, dark);
    const card = cardRef.current!;
    card.dataset.curves = String(curves.length);
    card.dataset.shownSteps = curves.map((c) => `${c.run}:${c.entry.step}`).join(',');
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const observer = new ResizeObserver(() => chartRef.current?.draw());
    observer.observe(host);
    return () => {
      observer.disconnect();
      chartRef.current?.destroy();
      chartRef.current = null;
    };
  }, []);

  return (
    <div ref={cardRef} class="card card--pr" data-tag={tag}>
      <div class="card__header">
        <h3 class="card__title" title={description || tag}>
          {tag}
        </h3>
      </div>
      {description && <p class="card__description">{description}</p>}
      <div class="pr-chart" ref={hostRef} />
      {perRun.map(({ run, steps, wallTimes, index }) => (
        <div class="pr-run" key={run} data-run={run}>
          <span class="pr-run__name" title={run}>
            <span class="swatch" style={{ background: app.colors.color(run) }} aria-hidden="true" />
            {run}
          </span>
          <StepSlider steps={steps} wallTimes={wallTimes} index={index} label={`${tag}, ${run}`} onChange={(i) => setChosen((c) => ({ ...c, [run]: steps[i] }))} />
        </div>
      ))}
      {data && perRun.length === 0 && <p class="card__empty">No PR curves.</p>}
      {error && <p class="card__error">{error}</p>}
      {!data && !error && <p class="card__empty">Loading…</p>}
    </div>
  );
}
