// The card grid shared by dashboards: tags filtered by the tag regex, grouped by their first path
// segment ("loss/train" → "loss"), each group collapsible. Tag and group names are rendered as
// text, never as HTML.
// A dashboard may ask for its first screen first (`firstScreen`): the render that first has cards
// then makes only the cards that can be on screen and cheap placeholders of the card's size for the
// rest, which become cards once the first screen is done (`ready`, e.g. its charts drawn), a few at
// a time whenever the main thread is idle (so that work arriving meanwhile waits for a short task,
// not for all of them). UI thread only.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { compileFilter } from '../state/view_state';
import { compareNames } from './name_order';
import { whenIdle } from './when_idle';

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
  /**
   * Called once after the first render with cards has been committed; the placeholders start to
   * become cards when its promise settles (at once without it).
   */
  ready?: () => Promise<unknown>;
}

/** Placeholders made cards in one idle callback. */
const CARDS_PER_IDLE_TASK = 4;
/** Longest wait for an idle main thread before the next placeholders become cards anyway. */
const IDLE_TIMEOUT_MS = 1000;

export function TagGroups({ tags, tagFilter, renderCard, emptyText, firstScreen }: TagGroupsProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  // How many cards (in display order) are rendered, the others being placeholders; Infinity once
  // the placeholders have all become cards.
  const [made, setMade] = useState(firstScreen?.cards ?? Infinity);
  const { regex, error } = compileFilter(tagFilter);
  const groups = useMemo(
    () => groupTags(regex ? tags.filter((tag) => regex.test(tag)) : tags),
    [tags, tagFilter],
  );
  const count = groups.reduce((sum, group) => sum + group.tags.length, 0);
  // Whether the first screen is done (firstScreen.ready has settled).
  const [ready, setReady] = useState(!firstScreen?.ready);
  useEffect(() => {
    if (ready || count === 0) return undefined;
    let live = true;
    const done = () => {
      if (live) setReady(true);
    };
    firstScreen?.ready?.().then(done, done) ?? done();
    return () => {
      live = false;
    };
  }, [ready, count === 0]);
  useEffect(() => {
    if (!ready || made === Infinity || count === 0) return undefined;
    return whenIdle(
      () => setMade((n) => (n + CARDS_PER_IDLE_TASK >= count ? Infinity : n + CARDS_PER_IDLE_TASK)),
      IDLE_TIMEOUT_MS,
    );
  }, [ready, made, count]);
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
  // Past the first `made` cards (display order), placeholders (while the dashboard asks for them).
  let shown = 0;
  const card = (tag: string) => (shown++ < made || !firstScreen ? renderCard(tag) : firstScreen.placeholder(tag));
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
