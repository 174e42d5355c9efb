// The text dashboard module.
import type { DashboardModule } from '../registry';
import { TagFilterControls } from '../../charts/TagFilterField';
import { TextDashboard } from './TextDashboard';

export const textModule: DashboardModule = {
  plugin: 'text',
  Controls: TagFilterControls,
  Dashboard: TextDashboard,
};
