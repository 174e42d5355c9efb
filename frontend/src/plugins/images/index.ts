// The images dashboard module.
import type { DashboardModule } from '../registry';
import { ImagesControls } from './ImagesControls';
import { ImagesDashboard } from './ImagesDashboard';

export const imagesModule: DashboardModule = {
  plugin: 'images',
  Controls: ImagesControls,
  Dashboard: ImagesDashboard,
};
