// The graphs dashboard module: the graph explorer (GraphsDashboard.tsx, mounted by GraphsTab.tsx).
// Loaded with its tab, as a chunk of its own (registry.ts).
import type { DashboardModule } from '../registry';
import { GraphsTab } from './GraphsTab';

export const graphsModule: DashboardModule = {
  plugin: 'graphs',
  Dashboard: GraphsTab,
};
