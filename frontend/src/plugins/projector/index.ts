// The projector dashboard module: embeddings in 2D/3D (ProjectorDashboard.tsx).
import type { DashboardModule } from '../registry';
import { ProjectorDashboard } from './ProjectorDashboard';

export const projectorModule: DashboardModule = {
  plugin: 'projector',
  Dashboard: ProjectorDashboard,
};
