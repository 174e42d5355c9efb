// The dashboard shared by the histogram, distribution, image, audio and text plugins: loads the
// plugin's tag listing (`data/plugin/<plugin>/tags`) on every data refresh and lays out one card
// per (tag, run) for the selected runs, grouped by tag prefix and filtered by the tag regex (the
// shell's TagGroups), tags in name order within a group (digits as numbers, as every dashboard;
// the server's plugins/common/dashboard_order.h places the Histograms' first cards the same way). `runTagDashboard` makes a plugin's Dashboard component from its card.
//
// The dashboard owns the listing; each card owns its own data. UI thread only.
import type { ComponentType } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiUrl, getJson } from '../api/client';
import type { AppServices } from '../app/services';
import { compareNames } from '../shell/name_order';
import { TagListingGroups } from './TagListingGroups';
import { type RunTagCard, cardsByTag, toRunTagIndex } from './run_tag_index';
import { useSelectedRuns } from './use_selected_runs';
import { useTagListing } from './use_tag_listing';
import './dashboards.css';

/** The card of one (tag, run). */
export type RunTagCardComponent = ComponentType<{ app: AppServices; card: RunTagCard }>;

interface RunTagDashboardProps {
  app: AppServices;
  /** The plugin name, as in its routes. */
  plugin: string;
  /** What the plugin holds, for messages ("histogram", "image" …). */
  noun: string;
  Card: RunTagCardComponent;
  /**
   * The dashboard's first card, known before its tag listing and the run list (the Histograms'
   * card named by its early answer): shown alone, where the listing will place it, until both have
   * arrived, so that it is the same card (not rebuilt) once the others appear around it.
   */
  first?: RunTagCard | null;
}

export function RunTagDashboard({ app, plugin, noun, Card, first = null }: RunTagDashboardProps) {
  const { listing: loaded, error } = useTagListing(app, async (signal) =>
    toRunTagIndex(await getJson(apiUrl(`data/plugin/${plugin}/tags`), signal)),
  );
  const { runs, selected: selectedRuns } = useSelectedRuns(app);
  // The first card alone, until the listing and the runs are both in.
  const early = !error && (loaded === null || runs.length === 0) ? first : null;
  const index = useMemo(() => (early ? { [early.run]: { [early.tag]: early.info } } : loaded), [early, loaded]);
  const selected = useMemo(() => (early ? [early.run] : selectedRuns), [early, selectedRuns]);
  const byTag = useMemo(() => (index ? cardsByTag(index, selected) : new Map<string, RunTagCard[]>()), [index, selected]);
  const tagNames = useMemo(() => [...byTag.keys()].sort(compareNames), [byTag]);

  return (
    <TagListingGroups
      app={app}
      noun={noun}
      listing={index}
      error={error}
      tags={tagNames}
      renderCard={(tag) => byTag.get(tag)!.map((card) => <Card key={`${card.tag}\n${card.run}`} app={app} card={card} />)}
    />
  );
}

/** The Dashboard component of `plugin`: a RunTagDashboard of `Card`s. */
export function runTagDashboard(plugin: string, noun: string, Card: RunTagCardComponent): ComponentType<{ app: AppServices }> {
  return ({ app }) => <RunTagDashboard app={app} plugin={plugin} noun={noun} Card={Card} />;
}
