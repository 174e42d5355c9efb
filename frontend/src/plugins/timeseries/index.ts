// The Time Series dashboard module (TensorBoard's default tab): every card kind in one grid.
import type { DashboardModule } from '../registry';
import { TimeSeriesControls } from './TimeSeriesControls';
import { TimeSeriesDashboard } from './TimeSeriesDashboard';

export const timeseriesModule: DashboardModule = {
  plugin: 'timeseries',
  Controls: TimeSeriesControls,
  Dashboard: TimeSeriesDashboard,
};
