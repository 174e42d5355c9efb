// The custom scalars dashboard module: the layout's categories of multiline and margin charts,
// with the Scalars dashboard's controls (smoothing, axes, tooltip order).
import { ScalarsControls } from '../scalars/ScalarsControls';
import type { DashboardModule } from '../registry';
import { CustomScalarsDashboard } from './CustomScalarsDashboard';

export const customScalarsModule: DashboardModule = {
  plugin: 'custom_scalars',
  Controls: ScalarsControls,
  Dashboard: CustomScalarsDashboard,
};
