// The scalars dashboard: one card per tag, grouped by tag prefix, each drawing every selected
// run that has the tag. Tags are refetched on every data refresh (new runs and tags appear live).
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ScalarTags } from '../../api/types';
import { TagGroups, compareNames } from '../../shell/TagGroups';
import { selectedRuns } from '../../state/run_selection';
import { useStore } from '../../state/store';
import type { DashboardProps } from '../registry';
import { ScalarCard } from './ScalarCard';

/** Plain text of a sanitized HTML description (never inserted as HTML). */
function descriptionText(html: string): string {
  if (!html) return '';
  return new DOMParser().parseFromString(html, 'text/html').body.textContent?.trim() ?? '';
}

export function ScalarsDashboard({ app }: DashboardProps) {
  const refresh = useStore(app.data, (d) => d.refresh);
  const runs = useStore(app.data, (d) => d.runs);
  const runFilter = useStore(app.view, (v) => v.runFilter);
  const deselected = useStore(app.view, (v) => v.deselected);
  const tagFilter = useStore(app.view, (v) => v.tagFilter);
  const [tags, setTags] = useState<ScalarTags | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLayoutEffect(() => {
    const controller = new AbortController();
    api
      .scalarTags(controller.signal)
      .then((answer) => {
        setTags(answer);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [refresh]);

  const selected = useMemo(() => selectedRuns(runs, { runFilter, deselected }), [runs, runFilter, deselected]);

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

  if (error) return <p class="notice notice--error">Cannot load scalar tags: {error}</p>;
  if (!tags) return <p class="empty">Loading tags…</p>;
  return (
    <TagGroups
      tags={tagNames}
      tagFilter={tagFilter}
      emptyText={
        Object.keys(tags).length === 0 ? 'No scalar data was found.' : 'No selected run has scalar data. Select runs on the left.'
      }
      renderCard={(tag) => {
        const entry = byTag.get(tag)!;
        return (
          <ScalarCard
            key={tag}
            app={app}
            tag={tag}
            runs={entry.runs}
            allRuns={entry.allRuns}
            description={entry.description}
          />
        );
      }}
    />
  );
}
