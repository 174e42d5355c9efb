// One audio card: a player per sample for one tag of one run, with a slider over every stored
// step and the clip's label (as text). Loaded once the card nears the viewport and on refresh.
import { useMemo, useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CardHeader } from '../../charts/CardHeader';
import { StepSlider, useStepIndex } from '../../charts/StepSlider';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useStore } from '../../state/store';
import { type AudioEntry, audioUrl, fetchAudioEntries } from './audio_api';

export function AudioCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag, info } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const { data, error } = useCardFetch(
    cardRef,
    (signal) => Promise.all(Array.from({ length: info.samples }, (_, s) => fetchAudioEntries(run, tag, s, signal))),
    [run, tag, info.samples, refresh],
  );
  const indexed = useMemo(() => {
    const samples: AudioEntry[][] = data ?? [];
    const first = samples[0] ?? [];
    return {
      steps: first.map((e) => e.step),
      wallTimes: first.map((e) => e.wall_time),
      bySample: samples.map((entries) => new Map(entries.map((e) => [e.step, e]))),
    };
  }, [data]);
  const [index, setIndex] = useStepIndex(indexed.steps);
  const step = index >= 0 ? indexed.steps[index] : undefined;

  return (
    <div ref={cardRef} class="card" data-tag={tag} data-run={run} data-steps={data ? indexed.steps.length : undefined}>
      <CardHeader tag={tag} run={run} color={app.colors.color(run)} description={info.description} />
      <StepSlider steps={indexed.steps} wallTimes={indexed.wallTimes} index={index} onChange={setIndex} label={`${tag}, ${run}`} />
      {step !== undefined &&
        indexed.bySample.map((entries, sample) => {
          const entry = entries.get(step);
          const name = `${tag}, sample ${sample + 1}, step ${step}`;
          return (
            <div class="audio-clip" key={sample}>
              {indexed.bySample.length > 1 && <span class="media__caption">Sample {sample + 1}</span>}
              {entry ? (
                <>
                  {/* keyed by URL so a new step loads a new clip */}
                  <audio key={entry.query} class="audio-clip__player" controls preload="metadata" src={audioUrl(entry)} aria-label={name} data-step={step}>
                    <a href={audioUrl(entry)}>Download the clip</a>
                  </audio>
                  {entry.label && <p class="audio-clip__label">{entry.label}</p>}
                </>
              ) : (
                <span class="media__missing">No clip at this step</span>
              )}
            </div>
          );
        })}
      {data && indexed.steps.length === 0 && <p class="card__empty">No audio.</p>}
      {error && <p class="card__error">{error}</p>}
      {!data && !error && <p class="card__empty">Loading…</p>}
    </div>
  );
}
