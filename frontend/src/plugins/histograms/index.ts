// The histograms dashboard module: one card per (tag, run) for the selected runs.
import type { DashboardModule } from '../registry';
import { HistogramsControls } from './HistogramsControls';
import { HistogramsDashboard } from './HistogramsDashboard';

export const histogramsModule: DashboardModule = {
  plugin: 'histograms',
  Controls: HistogramsControls,
  Dashboard: HistogramsDashboard,
};
