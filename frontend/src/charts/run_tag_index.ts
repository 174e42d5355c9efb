// The run → tag listings of the histogram, distribution, image, audio and text plugins, in one
// shape, and the cards they lead to: one card per (tag, run) for every selected run having the tag.

export interface TagInfo {
  /** The tag's description as plain text ('' if none). */
  description: string;
  /** The most samples (images, clips) at one step; 1 for plugins without samples. */
  samples: number;
}

/** run → tag → info. */
export type RunTagIndex = Record<string, Record<string, TagInfo>>;

/** One card of a dashboard: a tag of a run. */
export interface RunTagCard {
  run: string;
  tag: string;
  info: TagInfo;
}

/** Plain text of a sanitized HTML description (parsed, never inserted as HTML). */
export function descriptionText(html: string): string {
  if (!html) return '';
  if (typeof DOMParser === 'undefined') return html.replace(/<[^>]*>/g, '').trim();
  return new DOMParser().parseFromString(html, 'text/html').body.textContent?.trim() ?? '';
}

type TagEntry = { description?: string; samples?: number };

/**
 * Normalises a `tags` answer: `{run: {tag: {description, samples?}}}` (histograms, images, audio)
 * or `{run: [tag, ...]}` (text).
 */
export function toRunTagIndex(answer: Record<string, Record<string, TagEntry> | string[]>): RunTagIndex {
  const index: RunTagIndex = {};
  for (const [run, tags] of Object.entries(answer)) {
    const entries: Record<string, TagInfo> = {};
    if (Array.isArray(tags)) {
      for (const tag of tags) entries[tag] = { description: '', samples: 1 };
    } else {
      for (const [tag, meta] of Object.entries(tags)) {
        entries[tag] = { description: descriptionText(meta.description ?? ''), samples: Math.max(1, meta.samples ?? 1) };
      }
    }
    index[run] = entries;
  }
  return index;
}

/** tag → its cards (one per selected run having it, in the order of `selectedRuns`). */
export function cardsByTag(index: RunTagIndex, selectedRuns: readonly string[]): Map<string, RunTagCard[]> {
  const byTag = new Map<string, RunTagCard[]>();
  for (const run of selectedRuns) {
    for (const [tag, info] of Object.entries(index[run] ?? {})) {
      const cards = byTag.get(tag);
      if (cards) cards.push({ run, tag, info });
      else byTag.set(tag, [{ run, tag, info }]);
    }
  }
  return byTag;
}
