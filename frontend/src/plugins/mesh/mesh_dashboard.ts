// The mesh dashboard's component, in its own chunk with three.js (loaded by index.ts on first use).
import { runTagDashboard } from '../../charts/RunTagDashboard';
import { MeshCard } from './MeshCard';

export const MeshDashboard = runTagDashboard('mesh', 'mesh', MeshCard);
