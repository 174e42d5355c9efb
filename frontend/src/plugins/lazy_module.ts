// A dashboard module whose code (controls and dashboard) is one chunk loaded when the tab is first
// shown or preloaded, so the app's first script holds only the shell (registry.ts). The controls
// render nothing until the chunk has arrived. UI thread only.
import type { ComponentType } from 'preact';
import { lazyDashboard } from './lazy_dashboard';
import type { DashboardModule, DashboardProps } from './registry';

const NO_CONTROLS: ComponentType<DashboardProps> = () => null;

export interface LazyModule extends DashboardModule {
  /** Starts loading the module's code (once). */
  preload: () => Promise<unknown>;
  /** Starts the requests the dashboard makes first (see api.prefetch), if it has any. */
  prefetch: () => void;
}

export function lazyModule(
  plugin: string,
  load: () => Promise<DashboardModule>,
  prefetch: () => void = () => undefined,
): LazyModule {
  let loading: Promise<DashboardModule> | null = null;
  const module = () => {
    loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };
  const Controls = lazyDashboard(() => module().then((m) => m.Controls ?? NO_CONTROLS), true);
  const Dashboard = lazyDashboard(() => module().then((m) => m.Dashboard));
  return {
    plugin,
    Controls,
    Dashboard,
    preload: () => Promise.all([Controls.preload(), Dashboard.preload()]),
    prefetch,
  };
}
