// The projector dashboard module: embeddings in 2D/3D (ProjectorDashboard.tsx). Loaded with its tab,
// as a chunk of its own (registry.ts), so three.js is not evaluated on every page open.
import type { DashboardModule } from '../registry';
import { ProjectorDashboard } from './ProjectorDashboard';

export const projectorModule: DashboardModule = {
  plugin: 'projector',
  Dashboard: ProjectorDashboard,
};
