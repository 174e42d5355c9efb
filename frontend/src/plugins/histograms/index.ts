// The histograms dashboard module.
import type { DashboardModule } from '../registry';
import { HistogramsControls } from './HistogramsControls';
import { HistogramsDashboard } from './HistogramsDashboard';

export const histogramsModule: DashboardModule = {
  plugin: 'histograms',
  Controls: HistogramsControls,
  Dashboard: HistogramsDashboard,
};
