// The dashboard frame shared by the histogram, distribution, image, audio and text dashboards:
// loads the plugin's tag listing on every data refresh and lays out one card per (tag, run) for
// the selected runs, grouped by tag prefix and filtered by the tag regex (the shell's TagGroups).
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AppServices } from '../app/services';
import { TagGroups } from '../shell/TagGroups';
import { selectedRuns } from '../state/run_selection';
import { useStore } from '../state/store';
import { type RunTagCard, type RunTagIndex, cardsByTag } from './run_tag_index';
import './dashboards.css';

interface RunTagDashboardProps {
  app: AppServices;
  /** What the plugin holds, for messages ("histogram", "image" …). */
  noun: string;
  loadTags: (signal: AbortSignal) => Promise<RunTagIndex>;
  renderCard: (card: RunTagCard) => ComponentChildren;
}

export function RunTagDashboard({ app, noun, loadTags, renderCard }: RunTagDashboardProps) {
  const refresh = useStore(app.data, (d) => d.refresh);
  const runs = useStore(app.data, (d) => d.runs);
  const runFilter = useStore(app.view, (v) => v.runFilter);
  const deselected = useStore(app.view, (v) => v.deselected);
  const tagFilter = useStore(app.view, (v) => v.tagFilter);
  const [index, setIndex] = useState<RunTagIndex | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    loadTags(controller.signal)
      .then((answer) => {
        setIndex(answer);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [refresh]);

  const selected = useMemo(() => selectedRuns(runs, { runFilter, deselected }), [runs, runFilter, deselected]);
  const byTag = useMemo(() => (index ? cardsByTag(index, selected) : new Map<string, RunTagCard[]>()), [index, selected]);
  const tagNames = useMemo(() => [...byTag.keys()].sort(), [byTag]);

  if (error) return <p class="notice notice--error">Cannot load {noun} tags: {error}</p>;
  if (!index) return <p class="empty">Loading tags…</p>;
  return (
    <TagGroups
      tags={tagNames}
      tagFilter={tagFilter}
      emptyText={
        Object.keys(index).length === 0
          ? `No ${noun} data was found.`
          : `No selected run has ${noun} data. Select runs on the left.`
      }
      renderCard={(tag) => byTag.get(tag)!.map((card) => renderCard(card))}
    />
  );
}
