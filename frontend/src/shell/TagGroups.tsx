// The card grid shared by dashboards: tags filtered by the tag regex, grouped by their first path
// segment ("loss/train" → "loss"), each group collapsible. Tag and group names are rendered as
// text, never as HTML.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
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
}

export function TagGroups({ tags, tagFilter, renderCard, emptyText }: TagGroupsProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const { regex, error } = compileFilter(tagFilter);
  const groups = useMemo(
    () => groupTags(regex ? tags.filter((tag) => regex.test(tag)) : tags),
    [tags, tagFilter],
  );
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
            {open && <div class="card-grid">{group.tags.map((tag) => renderCard(tag))}</div>}
          </section>
        );
      })}
    </div>
  );
}
