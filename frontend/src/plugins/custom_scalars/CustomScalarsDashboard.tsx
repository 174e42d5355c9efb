// The custom scalars dashboard: the categories of the merged layout, each a collapsible section
// (closed at first when the layout says so) holding one card per chart for the selected runs.
// The layout is refetched on every data refresh.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useSelectedRuns } from '../../charts/use_selected_runs';
import { useTagListing } from '../../charts/use_tag_listing';
import { useStore } from '../../state/store';
import { compileFilter } from '../../state/view_state';
import type { DashboardProps } from '../registry';
import { CustomChartCard } from './CustomChartCard';
import { type CategorySpec, fetchLayout } from './custom_data';
import './custom_scalars.css';

function Category({ category, children }: { category: CategorySpec; children: ComponentChildren }) {
  const [open, setOpen] = useState(!category.closed);
  return (
    <section class="tag-group custom-category" data-category={category.title} data-open={String(open)}>
      <h2 class="tag-group__header">
        <button type="button" class="tag-group__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span class="tag-group__chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span class="tag-group__name">{category.title}</span>
          <span class="tag-group__count">{category.chart?.length ?? 0}</span>
        </button>
      </h2>
      {open && <div class="card-grid">{children}</div>}
    </section>
  );
}

export function CustomScalarsDashboard({ app }: DashboardProps) {
  const { listing: layout, error } = useTagListing(app, (signal) => fetchLayout(signal));
  const { selected } = useSelectedRuns(app);
  const tagFilter = useStore(app.view, (v) => v.tagFilter);
  const filter = compileFilter(tagFilter);
  if (filter.error) return <p class="notice notice--error">Invalid tag filter: {filter.error}</p>;
  if (error) return <p class="notice notice--error">Cannot load the custom scalars layout: {error}</p>;
  if (!layout) return <p class="empty">Loading layout…</p>;
  // The tag filter picks charts by title; categories left without charts are hidden.
  const categories = (layout.category ?? [])
    .map((category) => ({ ...category, chart: (category.chart ?? []).filter((chart) => !filter.regex || filter.regex.test(chart.title)) }))
    .filter((category) => category.chart.length > 0 || !filter.regex);
  return (
    <div class="tag-groups">
      {(layout.errors ?? []).map((e) => (
        <p class="notice notice--error" key={e}>
          Layout not shown: {e}
        </p>
      ))}
      {categories.length === 0 && <p class="empty">{filter.regex ? 'No chart title matches the tag filter.' : 'No custom scalars layout was found.'}</p>}
      {categories.map((category, i) => (
        <Category key={`${i}\n${category.title}`} category={category}>
          {(category.chart ?? []).map((chart, j) => (
            <CustomChartCard key={`${j}\n${JSON.stringify(chart)}`} app={app} chart={chart} runs={selected} />
          ))}
        </Category>
      ))}
    </div>
  );
}
