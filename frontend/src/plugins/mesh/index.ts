// The mesh dashboard module: one 3D viewer card per (mesh, run) for the selected runs.
import { runTagDashboard } from '../../charts/RunTagDashboard';
import type { DashboardModule } from '../registry';
import { MeshCard } from './MeshCard';

export const meshModule: DashboardModule = {
  plugin: 'mesh',
  Dashboard: runTagDashboard('mesh', 'mesh', MeshCard),
};
