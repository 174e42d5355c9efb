// The projector dashboard module: embeddings in 2D/3D (ProjectorDashboard.tsx), loaded when the tab
// is first opened (it brings three.js, which would otherwise be evaluated on every page open).
// Opening the tab also starts the first tensor's download (prefetch.ts) while that code loads.
import { lazyDashboard } from '../lazy_dashboard';
import type { DashboardModule } from '../registry';
import { startPrefetch } from './prefetch';

export const projectorModule: DashboardModule = {
  plugin: 'projector',
  Dashboard: lazyDashboard(() => {
    startPrefetch();
    return import('./ProjectorDashboard').then((m) => m.ProjectorDashboard);
  }),
};
