// The text dashboard module: one card per (tag, run) for the selected runs.
import { runTagDashboard } from '../../charts/RunTagDashboard';
import type { DashboardModule } from '../registry';
import { TextControls } from './TextControls';
import { TextCard } from './TextCard';

export const textModule: DashboardModule = {
  plugin: 'text',
  Controls: TextControls,
  Dashboard: runTagDashboard('text', 'text', TextCard),
};
