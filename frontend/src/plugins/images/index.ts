// The images dashboard module: one card per (tag, run) for the selected runs.
import { runTagDashboard } from '../../charts/RunTagDashboard';
import type { DashboardModule } from '../registry';
import { ImagesControls } from './ImagesControls';
import { ImageCard } from './ImageCard';

export const imagesModule: DashboardModule = {
  plugin: 'images',
  Controls: ImagesControls,
  Dashboard: runTagDashboard('images', 'image', ImageCard),
};
