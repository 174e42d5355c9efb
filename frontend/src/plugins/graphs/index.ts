// The graphs dashboard module: the graph explorer (GraphsDashboard.tsx).
import type { DashboardModule } from '../registry';
import { GraphsDashboard } from './GraphsDashboard';

export const graphsModule: DashboardModule = {
  plugin: 'graphs',
  Dashboard: GraphsDashboard,
};
