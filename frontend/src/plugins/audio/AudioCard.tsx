// One audio card: a player per sample for one tag of one run, with a slider over every stored
// step and the clip's label (as text). Loaded once the card nears the viewport and on refresh.
import { useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { StepCard } from '../../charts/StepCard';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useSampleSteps } from '../../charts/use_sample_steps';
import { audioUrl, fetchAudioEntries } from './audio_api';

export function AudioCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const { loaded, error, slider, step, atStep } = useSampleSteps(app, card, cardRef, fetchAudioEntries);

  return (
    <StepCard app={app} card={card} cardRef={cardRef} slider={slider} loaded={loaded} error={error} emptyText="No audio.">
      {atStep.map((entry, sample) => (
        <div class="audio-clip" key={sample}>
          {atStep.length > 1 && <span class="media__caption">Sample {sample + 1}</span>}
          {entry ? (
            <>
              {/* keyed by URL so a new step loads a new clip */}
              <audio
                key={entry.query}
                class="audio-clip__player"
                controls
                preload="metadata"
                src={audioUrl(entry)}
                aria-label={`${tag}, sample ${sample + 1}, step ${step}`}
                data-step={step}
              >
                <a href={audioUrl(entry)}>Download the clip</a>
              </audio>
              {entry.label && <p class="audio-clip__label">{entry.label}</p>}
            </>
          ) : (
            <span class="media__missing">No clip at this step</span>
          )}
        </div>
      ))}
    </StepCard>
  );
}
