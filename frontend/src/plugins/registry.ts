// The dashboards this frontend can show, one module per plugin (folder plugins/<name>/).
//
// A plugin listed by `data/plugins_listing` without a module here still gets a tab, which explains
// that tbx has no dashboard for it yet. To add a dashboard: write plugins/<name>/index.ts exporting
// a DashboardModule and list it below.
import type { ComponentType } from 'preact';
import type { AppServices } from '../app/services';
import { scalarsModule } from './scalars';
import { histogramsModule } from './histograms';
import { distributionsModule } from './distributions';
import { imagesModule } from './images';
import { audioModule } from './audio';
import { textModule } from './text';
import { meshModule } from './mesh';
import { customScalarsModule } from './custom_scalars';
import { prCurvesModule } from './pr_curves';
import { timeseriesModule } from './timeseries';
import { hparamsModule } from './hparams';
import { graphsModule } from './graphs';
import { projectorModule } from './projector';
import { profileModule } from './profile';

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

const MODULES: readonly DashboardModule[] = [
  timeseriesModule,
  scalarsModule,
  customScalarsModule,
  histogramsModule,
  distributionsModule,
  imagesModule,
  audioModule,
  textModule,
  prCurvesModule,
  hparamsModule,
  meshModule,
  projectorModule,
  graphsModule,
  profileModule,
];

export function dashboardFor(plugin: string): DashboardModule | undefined {
  return MODULES.find((module) => module.plugin === plugin);
}
