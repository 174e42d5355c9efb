// What a dashboard shows for its tag listing: the error if the listing failed, a loading notice
// until it arrives, then the cards of `tags` grouped and filtered by the tag regex (TagGroups),
// with a message naming what the plugin holds when there is nothing to show.
// UI thread only; the dashboard owns the listing and the cards.
import type { ComponentChildren } from 'preact';
import type { AppServices } from '../app/services';
import { type FirstScreen, TagGroups } from '../shell/TagGroups';
import { useStore } from '../state/store';

interface TagListingGroupsProps {
  app: AppServices;
  /** What the plugin holds, for messages ("scalar", "histogram" …). */
  noun: string;
  /** run → that run's tags; null while loading. */
  listing: Readonly<Record<string, unknown>> | null;
  error: string | null;
  /** The tags to show cards for (those of the selected runs), in display order. */
  tags: readonly string[];
  renderCard: (tag: string) => ComponentChildren;
  /** The first render's cards (TagGroups): by default every card at once. */
  firstScreen?: FirstScreen;
}

export function TagListingGroups({ app, noun, listing, error, tags, renderCard, firstScreen }: TagListingGroupsProps) {
  const tagFilter = useStore(app.view, (v) => v.tagFilter);
  if (error) return <p class="notice notice--error">Cannot load {noun} tags: {error}</p>;
  if (!listing) return <p class="empty">Loading tags…</p>;
  return (
    <TagGroups
      tags={tags}
      tagFilter={tagFilter}
      emptyText={
        Object.keys(listing).length === 0
          ? `No ${noun} data was found.`
          : `No selected run has ${noun} data. Select runs on the left.`
      }
      renderCard={renderCard}
      firstScreen={firstScreen}
    />
  );
}
