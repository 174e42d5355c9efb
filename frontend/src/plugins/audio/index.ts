// The audio dashboard module: one card per (tag, run) for the selected runs.
import { runTagDashboard } from '../../charts/RunTagDashboard';
import { TagFilterControls } from '../../charts/TagFilterField';
import type { DashboardModule } from '../registry';
import { AudioCard } from './AudioCard';

export const audioModule: DashboardModule = {
  plugin: 'audio',
  Controls: TagFilterControls,
  Dashboard: runTagDashboard('audio', 'audio', AudioCard),
};
