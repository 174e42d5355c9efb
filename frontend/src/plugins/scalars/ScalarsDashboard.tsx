// The scalars dashboard: one card per tag, grouped by tag prefix, each drawing every selected
// run that has the tag. Tags are refetched on every data refresh (new runs and tags appear live).
// The cards' series requests go through one SeriesBatcher, so cards shown together share requests.
import { useCallback, useMemo, useRef } from 'preact/hooks';
import { api } from '../../api/client';
import { TagListingGroups } from '../../charts/TagListingGroups';
import { useSelectedRuns } from '../../charts/use_selected_runs';
import { useTagListing } from '../../charts/use_tag_listing';
import { compareNames } from '../../shell/name_order';
import type { DashboardProps } from '../registry';
import { firstScreenPlan } from './early_series';
import { GroupedScalarCard } from './GroupedScalarCard';
import { ScalarCard, ScalarCardPlaceholder, type ScalarSeriesLoader } from './ScalarCard';
import { SeriesBatcher } from './series_batcher';
import { tagsOfRuns } from './tag_list';
import { useRunGrouping, useRunHParams } from './use_run_grouping';

export function ScalarsDashboard({ app }: DashboardProps) {
  // tbx's compact listing (each tag once with its runs): at 5,000 runs it is a few KB to read
  // where TensorBoard's run → tag form is megabytes of JSON.
  const { listing: list, error } = useTagListing(app, (signal) => api.scalarTagList(signal));
  const { runs, selected } = useSelectedRuns(app);
  const grouping = useRunGrouping(app);
  const { valueOf } = useRunHParams(app, grouping?.by === 'hparam');
  const batcher = useMemo(() => new SeriesBatcher(api.scalarSeries), []);
  // The series loads of the first render's cards (null once taken): the first screen is done when
  // they have settled and their charts have been drawn.
  const firstLoads = useRef<Promise<unknown>[] | null>([]);
  const loadSeries = useCallback<ScalarSeriesLoader>(
    (query, signal) => {
      const answer = batcher.load(query, signal);
      firstLoads.current?.push(answer);
      return answer;
    },
    [batcher],
  );

  // tag → selected runs having it (in run order), whether that is every run having it, and its
  // description.
  const byTag = useMemo(() => tagsOfRuns(list, runs, selected), [list, runs, selected]);
  // What TagListingGroups tells apart: no scalar data at all, or none in the selected runs.
  const listing = useMemo(() => (list ? Object.fromEntries(list.tags.map((t) => [t.tag, t])) : null), [list]);
  const tagNames = useMemo(() => [...byTag.keys()].sort(compareNames), [byTag]);
  // The first render makes the cards that can be on the first screen (firstScreenPlan's bound for
  // this window); the others are placeholders until the main thread is idle, so the first screen's
  // cards mount, and ask for their series, in a shorter task. Grouped cards are all made at once.
  const firstScreen = useMemo(
    () =>
      grouping
        ? undefined
        : {
            cards: firstScreenPlan(window.innerWidth, window.innerHeight).tags,
            placeholder: (tag: string) => (
              <ScalarCardPlaceholder key={tag} tag={tag} description={byTag.get(tag)?.description ?? ''} />
            ),
            ready: () => {
              const loads = firstLoads.current ?? [];
              firstLoads.current = null;
              return firstScreenDrawn(loads);
            },
          },
    [grouping, byTag],
  );

  return (
    <TagListingGroups
      app={app}
      noun="scalar"
      listing={listing}
      error={error}
      tags={tagNames}
      firstScreen={firstScreen}
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
            loadSeries={loadSeries}
          />
        );
      }}
    />
  );
}

/** Longest wait for the first screen's series before the other cards are made anyway. */
const FIRST_SCREEN_WAIT_MS = 3000;

/** Settles once `loads` have (or FIRST_SCREEN_WAIT_MS has passed) and a frame has drawn their charts. */
function firstScreenDrawn(loads: Promise<unknown>[]): Promise<void> {
  const settled = Promise.allSettled(loads);
  const late = new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS));
  return Promise.race([settled, late]).then(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}
