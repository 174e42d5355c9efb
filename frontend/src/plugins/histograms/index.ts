// The histograms dashboard module: one card per (tag, run) for the selected runs.
import { runTagDashboard } from '../../charts/RunTagDashboard';
import type { DashboardModule } from '../registry';
import { HistogramsControls } from './HistogramsControls';
import { HistogramCard } from './HistogramCard';

export const histogramsModule: DashboardModule = {
  plugin: 'histograms',
  Controls: HistogramsControls,
  Dashboard: runTagDashboard('histograms', 'histogram', HistogramCard),
};
