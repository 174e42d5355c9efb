// The images dashboard: one card per (tag, run) for the selected runs.
import { apiUrl, getJson } from '../../api/client';
import { RunTagDashboard } from '../../charts/RunTagDashboard';
import { toRunTagIndex } from '../../charts/run_tag_index';
import type { DashboardProps } from '../registry';
import { ImageCard } from './ImageCard';

export function ImagesDashboard({ app }: DashboardProps) {
  return (
    <RunTagDashboard
      app={app}
      noun="image"
      loadTags={async (signal) => toRunTagIndex(await getJson(apiUrl('data/plugin/images/tags'), signal))}
      renderCard={(card) => <ImageCard key={`${card.tag}\n${card.run}`} app={app} card={card} />}
    />
  );
}
