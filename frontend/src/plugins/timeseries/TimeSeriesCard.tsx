// One card of the Time Series grid: the Scalars, Histograms or Images dashboard's own card, with a
// pin toggle above it. Scalar and image cards load through the grid's SeriesBatcher (few POSTs to
// timeSeries for the cards that load in the same task, scalars as binary columns); histogram cards keep their own
// server-re-binned route, as every bucket of every step would be tens of MB. While steps are
// linked, a step picked on any card (an image slider, a click on a scalar or histogram chart) is
// shown by every card: image cards move their slider, scalar cards draw a rule at it, histogram
// cards outline it. Scalar cards draw their first chart in pieces through the grid's DrawSlicer,
// so a card scrolling into view never makes a long task. UI thread only.
import { useMemo } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useStore } from '../../state/store';
import { HistogramCard } from '../histograms/HistogramCard';
import { ImageCard } from '../images/ImageCard';
import type { ImageEntry } from '../images/images_api';
import { ScalarCard, type ScalarSeriesLoader } from '../scalars/ScalarCard';
import type { CardSpec } from './card_specs';
import {
  type ImagePoint,
  type SeriesBatcher,
  imageDataUrl,
  seriesOfRuns,
} from './timeseries_api';
import { gridDrawSlicer } from './draw_slicer';
import { linkedStep, timeSeriesSettings } from './timeseries_settings';

interface TimeSeriesCardProps {
  app: AppServices;
  card: CardSpec;
  batcher: SeriesBatcher;
  pinned: boolean;
  onTogglePin: () => void;
}

function imageUrl(entry: ImageEntry): string {
  // The grid's image entries carry the imageId where the images route has its query string.
  return imageDataUrl(entry.query);
}

export function TimeSeriesCard({ app, card, batcher, pinned, onTogglePin }: TimeSeriesCardProps) {
  const linkSteps = useStore(timeSeriesSettings, (s) => s.linkSteps);
  const step = useStore(linkedStep, (s) => s.step);
  const loaders = useMemo(() => {
    const loadSeries: ScalarSeriesLoader = async (query, signal) => {
      // One selected run: only its series is asked for; else every run's, kept when selected.
      const run = query.runs.length === 1 ? query.runs[0] : undefined;
      const series = await batcher.scalars({ plugin: 'scalars', tag: query.tags[0], run, points: query.points }, signal);
      return { series: seriesOfRuns(series, query.runs) };
    };
    const fetchSample = async (run: string, tag: string, sample: number, signal: AbortSignal): Promise<ImageEntry[]> => {
      const answer = await batcher.request<ImagePoint>({ plugin: 'images', tag, run, sample }, signal);
      return (answer.runToSeries?.[run] ?? []).map((p) => ({ wall_time: p.wallTime, step: p.step, query: p.imageId }));
    };
    return { loadSeries, fetchSample };
  }, [batcher]);
  const linked = linkSteps ? step : null;
  const pick = linkSteps ? (picked: number) => linkedStep.set({ step: picked }) : undefined;
  const runTagCard: RunTagCard = { run: card.run, tag: card.tag, info: { description: card.description, samples: card.samples } };
  return (
    <>
      <div class="ts-slot__bar">
        <button
          type="button"
          class={pinned ? 'ts-pin ts-pin--on' : 'ts-pin'}
          aria-pressed={pinned}
          title={pinned ? 'Unpin this card' : 'Pin this card to the top'}
          onClick={onTogglePin}
        >
          {pinned ? '★ Pinned' : '☆ Pin'}
        </button>
      </div>
      {card.kind === 'scalars' && (
        <ScalarCard
          app={app}
          tag={card.tag}
          runs={card.runs}
          allRuns={card.allRuns}
          description={card.description}
          loadSeries={loaders.loadSeries}
          linkedStep={linked}
          onStepPicked={pick}
          deferDraw={gridDrawSlicer.defer}
          layoutAtMount={false}
        />
      )}
      {card.kind === 'histograms' && (
        <HistogramCard app={app} card={runTagCard} linkedStep={linked} onStepPicked={pick} measureAtMount={false} />
      )}
      {card.kind === 'images' && (
        <ImageCard
          app={app}
          card={runTagCard}
          fetchSample={loaders.fetchSample}
          urlOf={imageUrl}
          linkedStep={linked}
          onStepPicked={pick}
        />
      )}
    </>
  );
}
