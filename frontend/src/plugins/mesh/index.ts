// The mesh dashboard module: one 3D viewer card per (mesh, run) for the selected runs. Its code
// (with three.js) is loaded with its tab, as a chunk of its own (registry.ts).
import type { DashboardModule } from '../registry';
import { MeshDashboard } from './mesh_dashboard';

export const meshModule: DashboardModule = {
  plugin: 'mesh',
  Dashboard: MeshDashboard,
};
