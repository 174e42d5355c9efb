// The distributions dashboard module: one card per (tag, run) for the selected runs.
import { runTagDashboard } from '../../charts/RunTagDashboard';
import type { DashboardModule } from '../registry';
import { DistributionsControls } from './DistributionsControls';
import { DistributionCard } from './DistributionCard';

export const distributionsModule: DashboardModule = {
  plugin: 'distributions',
  Controls: DistributionsControls,
  Dashboard: runTagDashboard('distributions', 'distribution', DistributionCard),
};
