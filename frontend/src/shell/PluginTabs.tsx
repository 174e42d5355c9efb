// Plugin tabs across the top: enabled plugins as tabs in listing order; disabled ones in an
// "Inactive" menu, as TensorBoard shows them.
import type { PluginsListing } from '../api/types';

interface PluginTabsProps {
  plugins: PluginsListing;
  active: string;
  onSelect: (plugin: string) => void;
}

export function PluginTabs({ plugins, active, onSelect }: PluginTabsProps) {
  const entries = Object.entries(plugins);
  const enabled = entries.filter(([, p]) => p.enabled);
  const inactive = entries.filter(([, p]) => !p.enabled);
  return (
    <nav class="tabs" aria-label="Dashboards">
      <div class="tabs__list" role="tablist">
        {enabled.map(([name, p]) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === active}
            class={name === active ? 'tab tab--active' : 'tab'}
            onClick={() => onSelect(name)}
          >
            {p.tab_name || name}
          </button>
        ))}
      </div>
      {inactive.length > 0 && (
        <label class="tabs__inactive">
          <span class="visually-hidden">Inactive dashboards</span>
          <select
            class="select select--on-dark"
            value={inactive.some(([name]) => name === active) ? active : ''}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              if (value) onSelect(value);
            }}
          >
            <option value="">Inactive</option>
            {inactive.map(([name, p]) => (
              <option key={name} value={name}>
                {p.tab_name || name}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}

/** The tab opened by default when it is enabled and has a dashboard, as in TensorBoard. */
export const DEFAULT_TAB = 'timeseries';

/**
 * The tab to show: the requested one if listed; else Time Series if enabled with a dashboard; else
 * the first enabled plugin this frontend has a dashboard for; else the first enabled one (or '').
 */
export function resolveActiveTab(
  plugins: PluginsListing,
  requested: string,
  hasDashboard: (plugin: string) => boolean,
): string {
  if (requested && requested in plugins) return requested;
  if (plugins[DEFAULT_TAB]?.enabled && hasDashboard(DEFAULT_TAB)) return DEFAULT_TAB;
  const enabled = Object.entries(plugins).filter(([, p]) => p.enabled);
  const shown = enabled.find(([name]) => hasDashboard(name)) ?? enabled[0];
  return shown ? shown[0] : '';
}
