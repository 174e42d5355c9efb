// The scalars dashboard module.
import type { DashboardModule } from '../registry';
import { ScalarsControls } from './ScalarsControls';
import { ScalarsDashboard } from './ScalarsDashboard';

export const scalarsModule: DashboardModule = {
  plugin: 'scalars',
  Controls: ScalarsControls,
  Dashboard: ScalarsDashboard,
};
