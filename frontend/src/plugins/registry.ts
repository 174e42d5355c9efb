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
import { graphsModule } from './graphs';

export interface DashboardProps {
  app: AppServices;
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
  scalarsModule,
  histogramsModule,
  distributionsModule,
  imagesModule,
  audioModule,
  textModule,
  graphsModule,
];

export function dashboardFor(plugin: string): DashboardModule | undefined {
  return MODULES.find((module) => module.plugin === plugin);
}
