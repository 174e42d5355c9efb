// One text card: the text of one tag of one run at the step chosen with the slider, rendered from
// the server's HTML after sanitizing it again. Run and tag names are text nodes only. The view's
// Markdown setting chooses rendered Markdown or the raw text.
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
  const markdown = useStore(app.view, (v) => v.textMarkdown);
  // The answer remembers its mode: the previous one stays shown while the next loads.
  const { data: answer, error } = useCardFetch(
    cardRef,
    async (signal) => ({ markdown, entries: await fetchTextEntries(run, tag, markdown, signal) }),
    [run, tag, markdown, refresh],
  );
  const data = answer?.entries;
  const steps = useMemo(() => (data ?? []).map((e) => e.step), [data]);
  const wallTimes = useMemo(() => (data ?? []).map((e) => e.wall_time), [data]);
  const [index, setIndex] = useStepIndex(steps);
  const entry = data && index >= 0 ? data[index] : undefined;
  const html = useMemo(() => (entry ? sanitizeTextHtml(entry.text) : ''), [entry]);

  return (
    <div ref={cardRef} class="card card--text" data-tag={tag} data-run={run} data-steps={data ? steps.length : undefined}>
      <CardHeader tag={tag} run={run} color={app.colors.color(run)} description={card.info.description} />
      <StepSlider steps={steps} wallTimes={wallTimes} index={index} onChange={setIndex} label={`${tag}, ${run}`} />
      {answer && entry && (
        <div
          class={answer.markdown ? 'text-body' : 'text-body text-body--raw'}
          data-step={entry.step}
          data-markdown={String(answer.markdown)}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
      {data && steps.length === 0 && <p class="card__empty">No text.</p>}
      {error && <p class="card__error">{error}</p>}
      {!data && !error && <p class="card__empty">Loading…</p>}
    </div>
  );
}
