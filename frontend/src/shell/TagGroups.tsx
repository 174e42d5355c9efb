// The card grid shared by dashboards: tags filtered by the tag regex, grouped by their first path
// segment ("loss/train" → "loss"), each group collapsible. Tag and group names are rendered as
// text, never as HTML.
// A dashboard may ask for its first screen first (`firstScreen`): the render that first has cards
// then makes only the cards that can be on screen and cheap placeholders of the card's size for the
// rest, which become cards once the main thread is idle (after the first screen's cards have
// mounted and asked for their data). UI thread only.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { compileFilter } from '../state/view_state';
import { compareNames } from './name_order';

export interface TagGroup {
  name: string;
  tags: string[];
}

/** Groups tags (already in display order) by the part before the first '/', groups sorted. */
export function groupTags(tags: readonly string[]): TagGroup[] {
  const groups = new Map<string, string[]>();
  for (const tag of tags) {
    const slash = tag.indexOf('/');
    const name = slash > 0 ? tag.slice(0, slash) : tag;
    const list = groups.get(name);
    if (list) list.push(tag);
    else groups.set(name, [tag]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, list]) => ({ name, tags: list }));
}

interface TagGroupsProps {
  tags: readonly string[];
  tagFilter: string;
  renderCard: (tag: string) => ComponentChildren;
  emptyText: string;
  firstScreen?: FirstScreen;
}

/** The cards of a dashboard's first render: how many, and what stands for the others meanwhile. */
export interface FirstScreen {
  /** Cards (in display order) that can be on screen at most: rendered at once. */
  cards: number;
  /** Stands for the card of `tag` until the main thread is idle: as tall, and keyed by the tag. */
  placeholder: (tag: string) => ComponentChildren;
}

/** Longest wait for an idle main thread before the placeholders become cards anyway. */
const IDLE_TIMEOUT_MS = 1000;

/** Calls `done` once the main thread is idle (or after IDLE_TIMEOUT_MS); returns its cancel. */
function whenIdle(done: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(done, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(done, 0);
  return () => clearTimeout(id);
}

export function TagGroups({ tags, tagFilter, renderCard, emptyText, firstScreen }: TagGroupsProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  // Whether every card is rendered (rather than the first screen's and placeholders).
  const [whole, setWhole] = useState(firstScreen === undefined);
  const { regex, error } = compileFilter(tagFilter);
  const groups = useMemo(
    () => groupTags(regex ? tags.filter((tag) => regex.test(tag)) : tags),
    [tags, tagFilter],
  );
  const hasCards = groups.length > 0;
  useEffect(() => (whole || !hasCards ? undefined : whenIdle(() => setWhole(true))), [whole, hasCards]);
  if (error) return <p class="notice notice--error">Invalid tag filter: {error}</p>;
  if (groups.length === 0) {
    return <p class="empty">{tags.length === 0 ? emptyText : 'No tags match the tag filter.'}</p>;
  }
  const toggle = (name: string) => {
    const next = new Set(collapsed);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setCollapsed(next);
  };
  // Cards rendered so far, in display order: past firstScreen.cards, placeholders until `whole`.
  let shown = 0;
  const card = (tag: string) => (whole || shown++ < firstScreen!.cards ? renderCard(tag) : firstScreen!.placeholder(tag));
  return (
    <div class="tag-groups">
      {groups.map((group) => {
        const open = !collapsed.has(group.name);
        return (
          <section class="tag-group" key={group.name}>
            <h2 class="tag-group__header">
              <button
                type="button"
                class="tag-group__toggle"
                aria-expanded={open}
                onClick={() => toggle(group.name)}
              >
                <span class="tag-group__chevron" aria-hidden="true">
                  {open ? '▾' : '▸'}
                </span>
                <span class="tag-group__name">{group.name}</span>
                <span class="tag-group__count">{group.tags.length}</span>
              </button>
            </h2>
            {open && <div class="card-grid">{group.tags.map(card)}</div>}
          </section>
        );
      })}
    </div>
  );
}
