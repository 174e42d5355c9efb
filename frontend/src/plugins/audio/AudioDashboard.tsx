// The audio dashboard: one card per (tag, run) for the selected runs.
import { apiUrl, getJson } from '../../api/client';
import { RunTagDashboard } from '../../charts/RunTagDashboard';
import { toRunTagIndex } from '../../charts/run_tag_index';
import type { DashboardProps } from '../registry';
import { AudioCard } from './AudioCard';

export function AudioDashboard({ app }: DashboardProps) {
  return (
    <RunTagDashboard
      app={app}
      noun="audio"
      loadTags={async (signal) => toRunTagIndex(await getJson(apiUrl('data/plugin/audio/tags'), signal))}
      renderCard={(card) => <AudioCard key={`${card.tag}\n${card.run}`} app={app} card={card} />}
    />
  );
}
