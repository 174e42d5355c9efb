// The HParams dashboard module: session groups as a table, parallel coordinates and a scatter
// matrix, with shared filters kept in the URL.
import type { DashboardModule } from '../registry';
import { HParamsControls } from './HParamsControls';
import { HParamsDashboard } from './HParamsDashboard';

export const hparamsModule: DashboardModule = {
  plugin: 'hparams',
  Controls: HParamsControls,
  Dashboard: HParamsDashboard,
};
