// The Profile dashboard module: PyTorch profiler traces and TensorFlow / JAX XSpaces (overview,
// operators, kernels, memory, trace timeline, distributed, compare), loaded when the tab is first
// opened.
import { lazyDashboard } from '../lazy_dashboard';
import type { DashboardModule } from '../registry';

export const profileModule: DashboardModule = {
  plugin: 'profile',
  Dashboard: lazyDashboard(() => import('./ProfileDashboard').then((m) => m.ProfileDashboard)),
};
