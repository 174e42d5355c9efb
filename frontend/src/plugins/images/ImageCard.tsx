// One image card: the images of one tag of one run, every sample side by side, with a slider over
// every stored step. Loaded once the card nears the viewport and again on each data refresh.
import { useMemo, useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CardHeader } from '../../charts/CardHeader';
import { StepSlider, useStepIndex } from '../../charts/StepSlider';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useStore } from '../../state/store';
import { type ImageEntry, fetchImageEntries, imageUrl } from './images_api';
import { imageFilter, imageSettings } from './image_settings';

/** Every sample's entries, and the steps of sample 0 (which has every step with an image). */
function indexSamples(samples: ImageEntry[][]): { steps: number[]; wallTimes: number[]; bySample: Map<number, ImageEntry>[] } {
  const first = samples[0] ?? [];
  return {
    steps: first.map((e) => e.step),
    wallTimes: first.map((e) => e.wall_time),
    bySample: samples.map((entries) => new Map(entries.map((e) => [e.step, e]))),
  };
}

export function ImageCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag, info } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const settings = useStore(imageSettings, (s) => s);
  const { data, error } = useCardFetch(
    cardRef,
    (signal) => Promise.all(Array.from({ length: info.samples }, (_, s) => fetchImageEntries(run, tag, s, signal))),
    [run, tag, info.samples, refresh],
  );
  const indexed = useMemo(() => indexSamples(data ?? []), [data]);
  const [index, setIndex] = useStepIndex(indexed.steps);
  const step = index >= 0 ? indexed.steps[index] : undefined;
  const filter = imageFilter(settings);
  const color = app.colors.color(run);

  return (
    <div ref={cardRef} class="card" data-tag={tag} data-run={run} data-steps={data ? indexed.steps.length : undefined}>
      <CardHeader tag={tag} run={run} color={color} description={info.description} />
      <StepSlider steps={indexed.steps} wallTimes={indexed.wallTimes} index={index} onChange={setIndex} label={`${tag}, ${run}`} />
      {step !== undefined && (
        <div class={settings.actualSize ? 'media-row media-row--actual' : 'media-row'}>
          {indexed.bySample.map((entries, sample) => {
            const entry = entries.get(step);
            return (
              <figure class="media" key={sample}>
                {entry ? (
                  <img
                    class={settings.actualSize ? 'media__image media__image--actual' : 'media__image'}
                    src={imageUrl(entry)}
                    alt={`${tag}, sample ${sample + 1}, step ${step}`}
                    data-step={step}
                    data-sample={sample}
                    style={{ filter }}
                  />
                ) : (
                  <span class="media__missing">No image at this step</span>
                )}
                {indexed.bySample.length > 1 && <figcaption class="media__caption">Sample {sample + 1}</figcaption>}
              </figure>
            );
          })}
        </div>
      )}
      {data && indexed.steps.length === 0 && <p class="card__empty">No images.</p>}
      {error && <p class="card__error">{error}</p>}
      {!data && !error && <p class="card__empty">Loading…</p>}
    </div>
  );
}
