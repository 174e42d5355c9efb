// The dashboard frame shared by the histogram, distribution, image, audio and text dashboards:
// loads the plugin's tag listing on every data refresh and lays out one card per (tag, run) for
// the selected runs, grouped by tag prefix and filtered by the tag regex (the shell's TagGroups).
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { AppServices } from '../app/services';
import { TagListingGroups } from './TagListingGroups';
import { type RunTagCard, type RunTagIndex, cardsByTag } from './run_tag_index';
import { useSelectedRuns } from './use_selected_runs';
import { useTagListing } from './use_tag_listing';
import './dashboards.css';

interface RunTagDashboardProps {
  app: AppServices;
  /** What the plugin holds, for messages ("histogram", "image" …). */
  noun: string;
  loadTags: (signal: AbortSignal) => Promise<RunTagIndex>;
  renderCard: (card: RunTagCard) => ComponentChildren;
}

export function RunTagDashboard({ app, noun, loadTags, renderCard }: RunTagDashboardProps) {
  const { listing: index, error } = useTagListing(app, loadTags);
  const { selected } = useSelectedRuns(app);
  const byTag = useMemo(() => (index ? cardsByTag(index, selected) : new Map<string, RunTagCard[]>()), [index, selected]);
  const tagNames = useMemo(() => [...byTag.keys()].sort(), [byTag]);

  return (
    <TagListingGroups
      app={app}
      noun={noun}
      listing={index}
      error={error}
      tags={tagNames}
      renderCard={(tag) => byTag.get(tag)!.map((card) => renderCard(card))}
    />
  );
}
