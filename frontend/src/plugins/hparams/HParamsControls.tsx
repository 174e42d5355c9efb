// Left-pane controls of the HParams dashboard: allowed session statuses, shown columns, the
// colour metric and a reset of every filter. All of it is view state kept in the URL.
import type { DashboardProps } from '../registry';
import { STATUSES } from './hparams_api';
import { useHParamsData, useHParamsView } from './use_hparams_data';

export function HParamsControls({ app }: DashboardProps) {
  const { data } = useHParamsData(app);
  const [view, setView] = useHParamsView(app);
  const allowed = view.statuses.length ? view.statuses : [...STATUSES];
  return (
    <section class="controls" aria-label="HParams settings">
      <fieldset class="hp-fieldset">
        <legend>Status</legend>
        {STATUSES.map((s) => (
          <label class="check" key={s}>
            <input type="checkbox" checked={allowed.includes(s)}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                const next = on ? [...allowed, s] : allowed.filter((x) => x !== s);
                setView({ statuses: next.length === STATUSES.length ? [] : next });
              }} />
            {s.replace('STATUS_', '').toLowerCase()}
          </label>
        ))}
      </fieldset>
      {data && (
        <fieldset class="hp-fieldset">
          <legend>Columns</legend>
          {data.columns.map((c) => (
            <label class="check" key={c.id}>
              <input type="checkbox" checked={!view.hidden.includes(c.id)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const hidden = view.hidden.filter((id) => id !== c.id);
                  setView({ hidden: on ? hidden : [...hidden, c.id] });
                }} />
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
      {data && (
        <label class="field">
          <span class="field__label">Colour by</span>
          <select class="input" value={view.colorBy} aria-label="Colour by"
            onChange={(e) => setView({ colorBy: (e.target as HTMLSelectElement).value })}>
            <option value="">none</option>
            {data.columns.map((c) => (
              <option key={c.id} value={c.id}>{c.label}</option>
            ))}
          </select>
        </label>
      )}
      <button class="button" onClick={() => setView({ filters: {}, statuses: [], sort: null })}>
        Clear filters and sort
      </button>
    </section>
  );
}
