// The Histograms dashboard: the shared run/tag card grid (RunTagDashboard) of HistogramCards, which
// on a page opened on this tab shows its first card as soon as the answer index.html asked for by
// position names it (early_rebinned.ts), before the tag listing and the run list have arrived:
// usually in the app's first render, and that card stays in place as the others appear.
// UI thread only.
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { RunTagDashboard } from '../../charts/RunTagDashboard';
import type { RunTagCard } from '../../charts/run_tag_index';
import type { DashboardProps } from '../registry';
import { HistogramCard } from './HistogramCard';
import { type CardName, firstEarlyCard, firstEarlyCardNow } from './early_rebinned';

/** The first card's name: known at once when its answer has arrived, else once it does. */
function useFirstEarlyCard(): CardName | null {
  const [named, setNamed] = useState(() => firstEarlyCardNow() ?? null);
  useLayoutEffect(() => {
    if (named) return undefined;
    let live = true;
    void firstEarlyCard()?.then((card) => {
      if (live && card) setNamed(card);
    });
    return () => {
      live = false;
    };
  }, []);
  return named;
}

export function HistogramsDashboard({ app }: DashboardProps) {
  const named = useFirstEarlyCard();
  const first = useMemo<RunTagCard | null>(
    () => (named ? { run: named.run, tag: named.tag, info: { description: '', samples: 1 } } : null),
    [named],
  );
  return <RunTagDashboard app={app} plugin="histograms" noun="histogram" Card={HistogramCard} first={first} />;
}
