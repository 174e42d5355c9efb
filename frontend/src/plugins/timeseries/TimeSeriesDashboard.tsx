// The Time Series dashboard (tbx's default tab, as in TensorBoard): every scalar, histogram and
// image card of the selected runs in one grid grouped by tag prefix and filtered by the tag regex,
// with pinned cards in their own section at the top. Only cells near the viewport mount their card
// (LazySlot), and cards loading together share one POST (SeriesBatcher), so work and memory follow
// what is on screen, not the number of tags. The dashboard owns the listing and the batcher; each
// card owns its data. UI thread only.
import { useEffect, useMemo } from 'preact/hooks';
import { TagListingGroups } from '../../charts/TagListingGroups';
import { useSelectedRuns } from '../../charts/use_selected_runs';
import { useTagListing } from '../../charts/use_tag_listing';
import { compareNames } from '../../shell/name_order';
import { useStore } from '../../state/store';
import type { DashboardProps } from '../registry';
import { LazySlot } from './LazySlot';
import { type CardSpec, cardsByTag, runsWithData } from './card_specs';
import { TimeSeriesCard } from './TimeSeriesCard';
import { SeriesBatcher, fetchTimeSeriesTags } from './timeseries_api';
import { loadPinned, savePinned, timeSeriesSettings } from './timeseries_settings';
import './timeseries.css';

const ESTIMATED_HEIGHT_PX: Record<CardSpec['kind'], number> = { scalars: 330, histograms: 330, images: 300 };

export function TimeSeriesDashboard({ app }: DashboardProps) {
  const { listing, error } = useTagListing(app, fetchTimeSeriesTags);
  const { selected } = useSelectedRuns(app);
  const settings = useStore(timeSeriesSettings, (s) => s);
  const pinned = useStore(app.view, (v) => v.pinned);
  const batcher = useMemo(() => new SeriesBatcher(), []);

  // Pins: the URL's when it has some, else this browser's; every change is kept in both.
  useEffect(() => {
    if (app.view.get().pinned.length === 0) {
      const stored = loadPinned();
      if (stored.length > 0) app.view.set({ pinned: stored });
    }
  }, []);
  useEffect(() => savePinned(pinned), [pinned]);

  const byTag = useMemo(
    () => (listing ? cardsByTag(listing, selected, settings.show) : new Map<string, CardSpec[]>()),
    [listing, selected, settings.show],
  );
  const tagNames = useMemo(() => [...byTag.keys()].sort(compareNames), [byTag]);
  const byKey = useMemo(() => {
    const map = new Map<string, CardSpec>();
    for (const cards of byTag.values()) for (const card of cards) map.set(card.key, card);
    return map;
  }, [byTag]);
  const pinnedCards = pinned.map((key) => byKey.get(key)).filter((card): card is CardSpec => card !== undefined);
  const runListing = useMemo(
    () => (listing ? Object.fromEntries(runsWithData(listing).map((run) => [run, true])) : null),
    [listing],
  );

  const togglePin = (key: string) => {
    const current = app.view.get().pinned;
    app.view.set({ pinned: current.includes(key) ? current.filter((k) => k !== key) : [...current, key] });
  };
  const renderSlot = (card: CardSpec, section: string) => (
    <LazySlot
      key={`${section}\n${card.key}`}
      cardKey={card.key}
      estimate={ESTIMATED_HEIGHT_PX[card.kind]}
      render={() => (
        <TimeSeriesCard
          app={app}
          card={card}
          batcher={batcher}
          pinned={pinned.includes(card.key)}
          onTogglePin={() => togglePin(card.key)}
        />
      )}
    />
  );

  return (
    <div class="ts" style={{ '--ts-card-width': `${settings.cardWidth}px` }}>
      {pinnedCards.length > 0 && (
        <section class="tag-group ts-pinned" aria-label="Pinned cards">
          <h2 class="tag-group__header ts-pinned__header">
            Pinned <span class="tag-group__count">{pinnedCards.length}</span>
          </h2>
          <div class="card-grid">{pinnedCards.map((card) => renderSlot(card, 'pinned'))}</div>
        </section>
      )}
      <TagListingGroups
        app={app}
        noun="scalar, histogram or image"
        listing={runListing}
        error={error}
        tags={tagNames}
        renderCard={(tag) => byTag.get(tag)!.map((card) => renderSlot(card, 'grid'))}
      />
    </div>
  );
}
