// The projector dashboard module: embeddings in 2D/3D (ProjectorDashboard.tsx), loaded when the tab
// is first opened (it brings three.js, which would otherwise be evaluated on every page open).
import { lazyDashboard } from '../lazy_dashboard';
import type { DashboardModule } from '../registry';

export const projectorModule: DashboardModule = {
  plugin: 'projector',
  Dashboard: lazyDashboard(() => import('./ProjectorDashboard').then((m) => m.ProjectorDashboard)),
};
