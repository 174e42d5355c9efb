// The graphs dashboard module: the graph explorer (GraphsDashboard.tsx), loaded when the tab is
// first opened.
import { lazyDashboard } from '../lazy_dashboard';
import type { DashboardModule } from '../registry';

export const graphsModule: DashboardModule = {
  plugin: 'graphs',
  Dashboard: lazyDashboard(() => import('./GraphsDashboard').then((m) => m.GraphsDashboard)),
};
