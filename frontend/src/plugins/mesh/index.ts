// The mesh dashboard module: one 3D viewer card per (mesh, run) for the selected runs. Its code
// (with three.js) is loaded when the tab is first opened.
import { lazyDashboard } from '../lazy_dashboard';
import type { DashboardModule } from '../registry';

export const meshModule: DashboardModule = {
  plugin: 'mesh',
  Dashboard: lazyDashboard(() => import('./mesh_dashboard').then((m) => m.MeshDashboard)),
};
