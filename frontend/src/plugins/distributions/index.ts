// The distributions dashboard module.
import type { DashboardModule } from '../registry';
import { DistributionsControls } from './DistributionsControls';
import { DistributionsDashboard } from './DistributionsDashboard';

export const distributionsModule: DashboardModule = {
  plugin: 'distributions',
  Controls: DistributionsControls,
  Dashboard: DistributionsDashboard,
};
