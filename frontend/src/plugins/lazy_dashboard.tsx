// A dashboard whose code is loaded only when its tab is first opened (a separate chunk of the
// build), so the app's first script stays small: evaluating a large bundle is one long main-thread
// task on every page open, whichever tab is shown. Used for dashboards with heavy code (three.js
// for meshes, the graph explorer). The loaded component is kept for the page's lifetime.
// UI thread only.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DashboardProps } from './registry';

export function lazyDashboard(load: () => Promise<ComponentType<DashboardProps>>): ComponentType<DashboardProps> {
  let loaded: ComponentType<DashboardProps> | null = null;
  let loading: Promise<ComponentType<DashboardProps>> | null = null;
  return function LazyDashboard(props: DashboardProps) {
    const [, setReady] = useState(loaded !== null);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (loaded) return undefined;
      let live = true;
      loading ??= load();
      loading
        .then((component) => {
          loaded = component;
          if (live) setReady(true);
        })
        .catch((e: unknown) => {
          loading = null;
          if (live) setError(e instanceof Error ? e.message : String(e));
        });
      return () => {
        live = false;
      };
    }, []);
    if (loaded) {
      const Dashboard = loaded;
      return <Dashboard {...props} />;
    }
    return error ? <p class="notice notice--error">Could not load this dashboard: {error}</p> : <p class="empty">Loading…</p>;
  };
}
