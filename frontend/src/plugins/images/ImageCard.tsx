// One image card: the images of one tag of one run, every sample side by side, with a slider over
// every stored step. Loaded once the card nears the viewport and again on each data refresh.
// `fetchSample` and `urlOf` say where entries and images come from (default: the images plugin's
// routes; the Time Series grid batches), and `linkedStep` moves the slider from outside.
import { useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { StepCard } from '../../charts/StepCard';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useSampleSteps } from '../../charts/use_sample_steps';
import { useStore } from '../../state/store';
import type { FetchSample } from '../../charts/use_sample_steps';
import { type ImageEntry, fetchImageEntries, imageUrl } from './images_api';
import { imageFilter, imageSettings } from './image_settings';

interface ImageCardProps {
  app: AppServices;
  card: RunTagCard;
  fetchSample?: FetchSample<ImageEntry>;
  urlOf?: (entry: ImageEntry) => string;
  /** A step chosen outside the card (linked steps): the slider moves to it. */
  linkedStep?: number | null;
  /** Called with the step the user picks on the card's own slider. */
  onStepPicked?: (step: number) => void;
}

export function ImageCard({
  app,
  card,
  fetchSample = fetchImageEntries,
  urlOf = imageUrl,
  linkedStep,
  onStepPicked,
}: ImageCardProps) {
  const { tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const settings = useStore(imageSettings, (s) => s);
  const { loaded, error, slider, step, atStep } = useSampleSteps(app, card, cardRef, fetchSample, {
    linkedStep,
    onStepPicked,
  });
  const filter = imageFilter(settings);

  return (
    <StepCard app={app} card={card} cardRef={cardRef} slider={slider} loaded={loaded} error={error} emptyText="No images.">
      {step !== undefined && (
        <div class={settings.actualSize ? 'media-row media-row--actual' : 'media-row'}>
          {atStep.map((entry, sample) => (
            <figure class="media" key={sample}>
              {entry ? (
                <img
                  class={settings.actualSize ? 'media__image media__image--actual' : 'media__image'}
                  src={urlOf(entry)}
                  alt={`${tag}, sample ${sample + 1}, step ${step}`}
                  data-step={step}
                  data-sample={sample}
                  style={{ filter }}
                />
              ) : (
                <span class="media__missing">No image at this step</span>
              )}
              {atStep.length > 1 && <figcaption class="media__caption">Sample {sample + 1}</figcaption>}
            </figure>
          ))}
        </div>
      )}
    </StepCard>
  );
}
