// The graphs dashboard module: the graph explorer (GraphsDashboard.tsx). Loaded with its tab, as a
// chunk of its own (registry.ts).
import type { DashboardModule } from '../registry';
import { GraphsDashboard } from './GraphsDashboard';

export const graphsModule: DashboardModule = {
  plugin: 'graphs',
  Dashboard: GraphsDashboard,
};
