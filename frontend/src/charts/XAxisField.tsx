// The horizontal-axis (time dimension) choice of the scalars, histograms and distributions
// controls: step, relative or wall time. One view-state field, so the choice carries over between
// dashboards and is kept in the URL. UI thread only.
import type { AppServices } from '../app/services';
import { useStore } from '../state/store';
import type { XAxis } from '../state/view_state';

const CHOICES: readonly [XAxis, string][] = [
  ['step', 'Step'],
  ['relative', 'Relative'],
  ['wall', 'Wall'],
];

export function XAxisField({ app, legend }: { app: AppServices; legend: string }) {
  const xAxis = useStore(app.view, (v) => v.xAxis);
  return (
    <fieldset class="field">
      <legend class="field__label">{legend}</legend>
      {CHOICES.map(([axis, label]) => (
        <label class="radio" key={axis}>
          <input type="radio" name="time-axis" checked={xAxis === axis} onChange={() => app.view.set({ xAxis: axis })} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
