// The text dashboard module.
import type { DashboardModule } from '../registry';
import { TextControls } from './TextControls';
import { TextDashboard } from './TextDashboard';

export const textModule: DashboardModule = {
  plugin: 'text',
  Controls: TextControls,
  Dashboard: TextDashboard,
};
