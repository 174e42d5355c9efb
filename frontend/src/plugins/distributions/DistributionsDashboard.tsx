// The distributions dashboard: one card per (tag, run) for the selected runs.
import { apiUrl, getJson } from '../../api/client';
import { RunTagDashboard } from '../../charts/RunTagDashboard';
import { toRunTagIndex } from '../../charts/run_tag_index';
import type { DashboardProps } from '../registry';
import { DistributionCard } from './DistributionCard';

export function DistributionsDashboard({ app }: DashboardProps) {
  return (
    <RunTagDashboard
      app={app}
      noun="distribution"
      loadTags={async (signal) => toRunTagIndex(await getJson(apiUrl('data/plugin/distributions/tags'), signal))}
      renderCard={(card) => <DistributionCard key={`${card.tag}\n${card.run}`} app={app} card={card} />}
    />
  );
}
