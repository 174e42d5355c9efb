// The application shell: header with plugin tabs, left pane (dashboard controls, run selector),
// the active dashboard, loading status, settings, and the live-update loop.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { isExported } from '../api/export_mode';
import type { AppServices } from '../app/services';
import { dashboardFor } from '../plugins/registry';
import { useStore } from '../state/store';
import { PluginTabs, resolveActiveTab } from './PluginTabs';
import { RunSelector } from './RunSelector';
import { SettingsPanel } from './SettingsPanel';
import { StatusBanner } from './StatusBanner';
import { startLiveUpdates } from '../live/live_updates';
import { markPlatformFont } from './ui_font';

// The page's text font, chosen before the first render lays out any text (ui_font.ts).
markPlatformFont(document.documentElement);

interface AppProps {
  app: AppServices;
  /**
   * The tab to show before the plugins listing has arrived (main.tsx: a page opened on the
   * Histograms tab, whose first card needs neither), the same one the listing will then select.
   */
  opening?: string;
}

export function App({ app, opening = '' }: AppProps) {
  const plugins = useStore(app.data, (d) => d.plugins);
  const error = useStore(app.data, (d) => d.error);
  const refresh = useStore(app.data, (d) => d.refresh);
  const requestedTab = useStore(app.view, (v) => v.tab);
  const theme = useStore(app.settings, (s) => s.theme);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Core data, fetched at start and on every refresh. A layout effect: at start the answers are
  // usually in already (index.html asked for them), and the active dashboard, which needs them,
  // renders in the microtasks after the first commit instead of after a painted frame (a passive
  // effect waits for one).
  useLayoutEffect(() => {
    const controller = new AbortController();
    Promise.all([api.runs(controller.signal), api.pluginsListing(controller.signal)])
      .then(([runs, listing]) => {
        app.colors.assign(runs);
        app.data.set({ runs, plugins: listing, error: null });
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) app.data.set({ error: String(e instanceof Error ? e.message : e) });
      });
    return () => controller.abort();
  }, [refresh]);

  // The window title and the live-update loop start in a task of their own: the effects' task after
  // the first frame is also the one that renders the runs and the tabs when the core data is in.
  useEffect(() => {
    let live: { stop: () => void } | null = null;
    const start = setTimeout(() => {
      api
        .windowProperties()
        .then((props) => {
          document.title = props.window_title || 'tbx';
        })
        .catch(() => undefined);
      // A static export never changes: no long-poll.
      if (isExported()) return;
      live = startLiveUpdates({
        onChange: () => app.data.set({ refresh: app.data.get().refresh + 1 }),
        reloadSeconds: () => app.settings.get().reloadSeconds,
      });
    }, 0);
    return () => {
      clearTimeout(start);
      live?.stop();
    };
  }, []);

  const active = plugins ? resolveActiveTab(plugins, requestedTab, (name) => dashboardFor(name) !== undefined) : opening;
  const module = dashboardFor(active);
  const reload = () => app.data.set({ refresh: app.data.get().refresh + 1 });

  return (
    <div class="app">
      <header class="header">
        <span class="header__brand">tbx</span>
        {plugins && <PluginTabs plugins={plugins} active={active} onSelect={(tab) => app.view.set({ tab })} />}
        <div class="header__actions">
          <button type="button" class="icon-button" title="Reload data" aria-label="Reload data" onClick={reload}>
            ⟳
          </button>
          <button
            type="button"
            class="icon-button"
            title="Settings"
            aria-label="Settings"
            aria-expanded={settingsOpen}
            onClick={() => setSettingsOpen(!settingsOpen)}
          >
            ⚙
          </button>
        </div>
      </header>
      {settingsOpen && <SettingsPanel app={app} onClose={() => setSettingsOpen(false)} />}
      <StatusBanner app={app} />
      {error && <p class="notice notice--error">Cannot reach the server: {error}</p>}
      <div class="body">
        <aside class="sidebar">
          {module?.Controls && <module.Controls app={app} />}
          <RunSelector app={app} />
        </aside>
        <main class="main">
          {!plugins && !error && !module && <p class="empty">Loading…</p>}
          {plugins && !active && (
            <p class="empty">No dashboards are active for the current data set. Write some event files into the logdir.</p>
          )}
          {plugins && active && !module && (
            <p class="empty">
              The {plugins[active]?.tab_name || active} dashboard is not available in this version of tbx.
            </p>
          )}
          {module && <module.Dashboard app={app} />}
        </main>
      </div>
    </div>
  );
}
