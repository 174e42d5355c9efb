// The text dashboard: one card per (tag, run) for the selected runs. The tags route answers
// `{run: [tag, ...]}`.
import { apiUrl, getJson } from '../../api/client';
import { RunTagDashboard } from '../../charts/RunTagDashboard';
import { toRunTagIndex } from '../../charts/run_tag_index';
import type { DashboardProps } from '../registry';
import { TextCard } from './TextCard';

export function TextDashboard({ app }: DashboardProps) {
  return (
    <RunTagDashboard
      app={app}
      noun="text"
      loadTags={async (signal) => toRunTagIndex(await getJson(apiUrl('data/plugin/text/tags'), signal))}
      renderCard={(card) => <TextCard key={`${card.tag}\n${card.run}`} app={app} card={card} />}
    />
  );
}
