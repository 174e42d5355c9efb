// The PR curves dashboard: one card per tag, grouped by tag prefix and filtered by the tag regex,
// each drawing every selected run that has the tag. The listing is refetched on each data refresh.
import { useMemo } from 'preact/hooks';
import { apiUrl, getJson } from '../../api/client';
import { TagListingGroups } from '../../charts/TagListingGroups';
import { toRunTagIndex } from '../../charts/run_tag_index';
import { useSelectedRuns } from '../../charts/use_selected_runs';
import { useTagListing } from '../../charts/use_tag_listing';
import { compareNames } from '../../shell/name_order';
import type { DashboardProps } from '../registry';
import { PrCurveCard } from './PrCurveCard';

export function PrCurvesDashboard({ app }: DashboardProps) {
  const { listing: index, error } = useTagListing(app, async (signal) =>
    toRunTagIndex(await getJson(apiUrl('data/plugin/pr_curves/tags'), signal)),
  );
  const { selected } = useSelectedRuns(app);
  const byTag = useMemo(() => {
    const map = new Map<string, { runs: string[]; description: string }>();
    for (const run of selected) {
      for (const [tag, info] of Object.entries(index?.[run] ?? {})) {
        const entry = map.get(tag) ?? { runs: [], description: info.description };
        entry.runs.push(run);
        map.set(tag, entry);
      }
    }
    return map;
  }, [index, selected]);
  const tagNames = useMemo(() => [...byTag.keys()].sort(compareNames), [byTag]);
  return (
    <TagListingGroups
      app={app}
      noun="PR curve"
      listing={index}
      error={error}
      tags={tagNames}
      renderCard={(tag) => {
        const entry = byTag.get(tag)!;
        return <PrCurveCard key={tag} app={app} tag={tag} runs={entry.runs} description={entry.description} />;
      }}
    />
  );
}
