// The Profile dashboard module: PyTorch profiler traces and TensorFlow / JAX XSpaces (overview,
// operators, kernels, memory, trace timeline, distributed, compare). Loaded with its tab, as a
// chunk of its own (registry.ts).
import type { DashboardModule } from '../registry';
import { ProfileDashboard } from './ProfileDashboard';

export const profileModule: DashboardModule = {
  plugin: 'profile',
  Dashboard: ProfileDashboard,
};
