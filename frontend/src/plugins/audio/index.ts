// The audio dashboard module.
import type { DashboardModule } from '../registry';
import { TagFilterControls } from '../../charts/TagFilterField';
import { AudioDashboard } from './AudioDashboard';

export const audioModule: DashboardModule = {
  plugin: 'audio',
  Controls: TagFilterControls,
  Dashboard: AudioDashboard,
};
