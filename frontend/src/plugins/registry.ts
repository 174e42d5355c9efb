// The dashboards this frontend can show, one module per plugin (folder plugins/<name>/).
//
// A plugin listed by `data/plugins_listing` without a module here still gets a tab, which explains
// that tbx has no dashboard for it yet. To add a dashboard: write plugins/<name>/index.ts exporting
// a DashboardModule and list it below.
import type { ComponentType } from 'preact';
import type { AppServices } from '../app/services';
import { prefetchFirstGraph } from './graphs/first_graph';
import { prefetchFirstHistograms } from './histograms/early_rebinned';
import { prefetchFirstScalars } from './scalars/early_series';
import { lazyModule, type LazyModule } from './lazy_module';
import { startPrefetch as startMeshPrefetch } from './mesh/prefetch';
import { startPrefetch as startProjectorPrefetch } from './projector/prefetch';

export interface DashboardProps {
  app: AppServices;
  /** Shown inside another dashboard's pane (Time Series): leave out what that pane has already. */
  embedded?: boolean;
}

export interface DashboardModule {
  /** The plugin name as in `data/plugins_listing`. */
  plugin: string;
  /** Controls shown in the left pane above the run selector (e.g. smoothing). */
  Controls?: ComponentType<DashboardProps>;
  /** The main area: usually a TagGroups card grid. */
  Dashboard: ComponentType<DashboardProps>;
}

// Every dashboard's code is a chunk of its own, loaded with its tab (lazy_module.ts): the app's first
// script is only the shell (header, tabs, run selector), so opening any tab evaluates no other
// dashboard's code. Graphs, Mesh, Projector and Profile split their heavy code once more.
const MODULES: readonly LazyModule[] = [
  lazyModule('timeseries', () => import('./timeseries').then((m) => m.timeseriesModule)),
  lazyModule('scalars', () => import('./scalars').then((m) => m.scalarsModule), prefetchFirstScalars),
  lazyModule('custom_scalars', () => import('./custom_scalars').then((m) => m.customScalarsModule)),
  lazyModule('histograms', () => import('./histograms').then((m) => m.histogramsModule), prefetchFirstHistograms),
  lazyModule('distributions', () => import('./distributions').then((m) => m.distributionsModule)),
  lazyModule('images', () => import('./images').then((m) => m.imagesModule)),
  lazyModule('audio', () => import('./audio').then((m) => m.audioModule)),
  lazyModule('text', () => import('./text').then((m) => m.textModule)),
  lazyModule('pr_curves', () => import('./pr_curves').then((m) => m.prCurvesModule)),
  lazyModule('hparams', () => import('./hparams').then((m) => m.hparamsModule)),
  lazyModule(
    'mesh',
    () => {
      // The first card's arrays start downloading with the tab, while three.js loads (prefetch.ts;
      // in the first script, so a page opened on this tab starts them before any chunk has arrived).
      startMeshPrefetch();
      return import('./mesh').then((m) => m.meshModule);
    },
    startMeshPrefetch,
  ),
  lazyModule(
    'projector',
    () => {
      // The first tensor's download starts with the tab, while the 3D code loads (prefetch.ts; in
      // the first script, so a page opened on this tab starts it before any chunk has arrived).
      startProjectorPrefetch();
      return import('./projector').then((m) => m.projectorModule);
    },
    startProjectorPrefetch,
  ),
  lazyModule('graphs', () => import('./graphs').then((m) => m.graphsModule), prefetchFirstGraph),
  lazyModule('profile', () => import('./profile').then((m) => m.profileModule)),
];

export function dashboardFor(plugin: string): LazyModule | undefined {
  return MODULES.find((module) => module.plugin === plugin);
}
