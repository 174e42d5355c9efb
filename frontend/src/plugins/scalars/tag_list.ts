// The Scalars dashboard's cards from tbx's compact tag listing (`data/plugin/scalars/tag_list`):
// which selected runs each tag's card draws. Pure; UI thread.
import type { ScalarTagList } from '../../api/types';
import { descriptionText } from '../../charts/run_tag_index';

export interface TagCard {
  /** The selected runs holding the tag, in the app's run order. */
  runs: string[];
  /** Whether no unselected run holds it (the card asks for "every run"). */
  allRuns: boolean;
  /** The tag's description as plain text. */
  description: string;
}

/** The dashboard's cards from the listing: tag → its selected runs (in `runs`' order) and more. */
export function tagsOfRuns(
  list: ScalarTagList | null,
  runs: readonly string[],
  selected: readonly string[],
): Map<string, TagCard> {
  const map = new Map<string, TagCard>();
  if (!list) return map;
  const selectedSet = new Set(selected);
  const listed = new Set(list.runs);
  for (const { tag, description, runs: indices } of list.tags) {
    const holders = indices === null ? listed : new Set(indices.map((i) => list.runs[i]));
    const entry: TagCard = { runs: [], allRuns: true, description: descriptionText(description) };
    for (const run of runs) {
      if (!holders.has(run)) continue;
      if (selectedSet.has(run)) entry.runs.push(run);
      else entry.allRuns = false;
    }
    if (entry.runs.length > 0) map.set(tag, entry);
  }
  return map;
}

