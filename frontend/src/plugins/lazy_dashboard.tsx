// A dashboard whose code is loaded only when it is needed (a separate chunk of the build), so the
// app's first script stays small: evaluating a large bundle is one long main-thread task on every
// page open, whichever tab is shown. Every dashboard is loaded this way (registry.ts); the heavy
// ones (three.js for meshes, the graph explorer) split once more inside their chunk.
// `preload` starts the download early (e.g. at start-up for the tab in the URL); once it has
// arrived, the component renders the loaded one at once, without a "Loading…" frame. The loaded
// component is kept for the page's lifetime; a failed load is retried on the next mount.
// UI thread only.
import type { ComponentType, JSX } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { DashboardProps } from './registry';

export type LazyComponent = ((props: DashboardProps) => JSX.Element | null) & {
  /** Starts loading the code (once); resolves when it is ready to render. */
  preload: () => Promise<ComponentType<DashboardProps>>;
};

/**
 * `quiet`: render nothing while loading or after a failure (for a dashboard's controls, whose
 * dashboard shows the error).
 */
export function lazyDashboard(load: () => Promise<ComponentType<DashboardProps>>, quiet = false): LazyComponent {
  let loaded: ComponentType<DashboardProps> | null = null;
  let loading: Promise<ComponentType<DashboardProps>> | null = null;
  const preload = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    );
    return loading;
  };
  function LazyDashboard(props: DashboardProps) {
    const [, setReady] = useState(false);
    const [error, setError] = useState<string | null>(null);
    // Whether this first render showed the loaded component. The code may arrive between the
    // render and the effect (it was preloaded): the effect must then still re-render.
    const shown = loaded !== null;
    // A layout effect: code that arrives (or had arrived) is rendered at once, not after a painted
    // frame of "Loading…" (a passive effect waits for one).
    useLayoutEffect(() => {
      if (shown) return undefined;
      let live = true;
      preload()
        .then(() => {
          if (live) setReady(true);
        })
        .catch((e: unknown) => {
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
    if (quiet) return null;
    return error ? <p class="notice notice--error">Could not load this dashboard: {error}</p> : <p class="empty">Loading…</p>;
  }
  LazyDashboard.preload = preload;
  return LazyDashboard;
}
