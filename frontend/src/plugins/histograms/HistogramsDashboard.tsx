// The histograms dashboard: one card per (tag, run) for the selected runs.
import { apiUrl, getJson } from '../../api/client';
import { RunTagDashboard } from '../../charts/RunTagDashboard';
import { toRunTagIndex } from '../../charts/run_tag_index';
import type { DashboardProps } from '../registry';
import { HistogramCard } from './HistogramCard';

export function HistogramsDashboard({ app }: DashboardProps) {
  return (
    <RunTagDashboard
      app={app}
      noun="histogram"
      loadTags={async (signal) => toRunTagIndex(await getJson(apiUrl('data/plugin/histograms/tags'), signal))}
      renderCard={(card) => <HistogramCard key={`${card.tag}\n${card.run}`} app={app} card={card} />}
    />
  );
}
