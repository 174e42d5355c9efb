// The PR curves dashboard module: one card per tag with a curve per selected run.
import type { DashboardModule } from '../registry';
import { PrCurvesDashboard } from './PrCurvesDashboard';

export const prCurvesModule: DashboardModule = {
  plugin: 'pr_curves',
  Dashboard: PrCurvesDashboard,
};
