// Left-pane controls of the scalars dashboard: tag filter, smoothing, x axis, log scale, outliers
// and tooltip order.
// Everything is view state, so it is kept in the URL.
import { useMemo } from 'preact/hooks';
import { TagFilterField } from '../../charts/TagFilterField';
import { XAxisField } from '../../charts/XAxisField';
import { useStore } from '../../state/store';
import type { TooltipSort } from '../../state/view_state';
import type { DashboardProps } from '../registry';
import { RunGroupingControls } from './RunGroupingControls';

const TOOLTIP_SORT_LABELS: readonly [TooltipSort, string][] = [
  ['descending', 'Descending'],
  ['ascending', 'Ascending'],
  ['nearest', 'Nearest'],
  ['name', 'Run name'],
];

/** Applies at most one smoothing change per animation frame (the latest), so dragging stays fluid. */
function frameThrottled(apply: (value: number) => void): (value: number) => void {
  let pending: number | null = null;
  return (value) => {
    if (pending === null) {
      requestAnimationFrame(() => {
        const latest = pending!;
        pending = null;
        apply(latest);
      });
    }
    pending = value;
  };
}

export function ScalarsControls({ app, embedded }: DashboardProps) {
  const setSmoothing = useMemo(() => frameThrottled((smoothing) => app.view.set({ smoothing })), [app]);
  const view = useStore(app.view, (v) => v);
  return (
    <section class="controls" aria-label="Scalar chart settings">
      {!embedded && <TagFilterField app={app} />}
      <label class="field">
        <span class="field__label">Smoothing</span>
        <span class="slider-row">
          <input
            type="range"
            class="slider"
            min={0}
            max={0.999}
            step={0.001}
            value={view.smoothing}
            aria-label="Smoothing"
            onInput={(e) => setSmoothing(Number((e.target as HTMLInputElement).value))}
          />
          <input
            type="number"
            class="input input--small"
            min={0}
            max={0.999}
            step={0.001}
            value={view.smoothing}
            aria-label="Smoothing value"
            onChange={(e) => {
              const v = Number((e.target as HTMLInputElement).value);
              if (Number.isFinite(v) && v >= 0 && v < 1) app.view.set({ smoothing: v });
            }}
          />
        </span>
      </label>
      <XAxisField app={app} legend="Horizontal axis" />
      <label class="check">
        <input type="checkbox" checked={view.logY} onChange={(e) => app.view.set({ logY: (e.target as HTMLInputElement).checked })} />
        Log scale (y)
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={view.ignoreOutliers}
          onChange={(e) => app.view.set({ ignoreOutliers: (e.target as HTMLInputElement).checked })}
        />
        Ignore outliers in chart scaling
      </label>
      <label class="field">
        <span class="field__label">Tooltip sorting</span>
        <select
          class="input"
          value={view.tooltipSort}
          onChange={(e) => app.view.set({ tooltipSort: (e.target as HTMLSelectElement).value as TooltipSort })}
        >
          {TOOLTIP_SORT_LABELS.map(([sort, label]) => (
            <option key={sort} value={sort}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <RunGroupingControls app={app} />
    </section>
  );
}
