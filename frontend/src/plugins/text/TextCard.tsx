// One text card: the text of one tag of one run at the step chosen with the slider, rendered from
// the server's HTML after sanitizing it again. Run and tag names are text nodes only.
import { useMemo, useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { CardHeader } from '../../charts/CardHeader';
import { StepSlider, useStepIndex } from '../../charts/StepSlider';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useStore } from '../../state/store';
import { sanitizeTextHtml } from './sanitize';
import { fetchTextEntries } from './text_api';

export function TextCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const { data, error } = useCardFetch(cardRef, (signal) => fetchTextEntries(run, tag, signal), [run, tag, refresh]);
  const steps = useMemo(() => (data ?? []).map((e) => e.step), [data]);
  const wallTimes = useMemo(() => (data ?? []).map((e) => e.wall_time), [data]);
  const [index, setIndex] = useStepIndex(steps);
  const entry = data && index >= 0 ? data[index] : undefined;
  const html = useMemo(() => (entry ? sanitizeTextHtml(entry.text) : ''), [entry]);

  return (
    <div ref={cardRef} class="card card--text" data-tag={tag} data-run={run} data-steps={data ? steps.length : undefined}>
      <CardHeader tag={tag} run={run} color={app.colors.color(run)} description={card.info.description} />
      <StepSlider steps={steps} wallTimes={wallTimes} index={index} onChange={setIndex} label={`${tag}, ${run}`} />
      {entry && <div class="text-body" data-step={entry.step} dangerouslySetInnerHTML={{ __html: html }} />}
      {data && steps.length === 0 && <p class="card__empty">No text.</p>}
      {error && <p class="card__error">{error}</p>}
      {!data && !error && <p class="card__empty">Loading…</p>}
    </div>
  );
}
