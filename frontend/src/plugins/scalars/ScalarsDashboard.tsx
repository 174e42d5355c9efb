// The scalars dashboard: one card per tag, grouped by tag prefix, each drawing every selected
// run that has the tag. Tags are refetched on every data refresh (new runs and tags appear live).
// The cards' series requests go through one SeriesBatcher, so cards shown together share requests.
import { useMemo } from 'preact/hooks';
import { api } from '../../api/client';
import { TagListingGroups } from '../../charts/TagListingGroups';
import { descriptionText } from '../../charts/run_tag_index';
import { useSelectedRuns } from '../../charts/use_selected_runs';
import { useTagListing } from '../../charts/use_tag_listing';
import { compareNames } from '../../shell/TagGroups';
import type { DashboardProps } from '../registry';
import { GroupedScalarCard } from './GroupedScalarCard';
import { ScalarCard } from './ScalarCard';
import { SeriesBatcher } from './series_batcher';
import { useRunGrouping, useRunHParams } from './use_run_grouping';

export function ScalarsDashboard({ app }: DashboardProps) {
  const { listing: tags, error } = useTagListing(app, (signal) => api.scalarTags(signal));
  const { runs, selected } = useSelectedRuns(app);
  const grouping = useRunGrouping(app);
  const { valueOf } = useRunHParams(app, grouping?.by === 'hparam');
  const batcher = useMemo(() => new SeriesBatcher(api.scalarSeries), []);

  // tag → selected runs having it (in run order), whether that is every run having it, and its
  // description.
  const byTag = useMemo(() => {
    const map = new Map<string, { runs: string[]; allRuns: boolean; description: string }>();
    if (!tags) return map;
    const selectedSet = new Set(selected);
    const unselectedWithTag = new Set<string>();
    for (const run of runs) {
      for (const [tag, meta] of Object.entries(tags[run] ?? {})) {
        if (!selectedSet.has(run)) {
          unselectedWithTag.add(tag);
          continue;
        }
        const entry = map.get(tag) ?? { runs: [], allRuns: true, description: descriptionText(meta.description) };
        entry.runs.push(run);
        map.set(tag, entry);
      }
    }
    for (const tag of unselectedWithTag) {
      const entry = map.get(tag);
      if (entry) entry.allRuns = false;
    }
    return map;
  }, [tags, runs, selected]);
  const tagNames = useMemo(() => [...byTag.keys()].sort(compareNames), [byTag]);

  return (
    <TagListingGroups
      app={app}
      noun="scalar"
      listing={tags}
      error={error}
      tags={tagNames}
      renderCard={(tag) => {
        const entry = byTag.get(tag)!;
        if (grouping) {
          return <GroupedScalarCard key={tag} app={app} tag={tag} runs={entry.runs} grouping={grouping}
            hparamOf={valueOf(grouping.key)} />;
        }
        return (
          <ScalarCard
            key={tag}
            app={app}
            tag={tag}
            runs={entry.runs}
            allRuns={entry.allRuns}
            description={entry.description}
            loadSeries={batcher.load}
          />
        );
      }}
    />
  );
}
