// The Scalars dashboard's run grouping state (from the URL) and, when grouping by an hparam, each
// run's hparam values: read from the hparams plugin's session groups, a run taking the values of
// the longest session name that is the run or a parent directory of it.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { useStore } from '../../state/store';
import { type HValue, fetchExperiment, fetchSessionGroups } from '../hparams/hparams_api';
import { type RunGrouping, decodeRunGrouping } from './run_groups';

export function useRunGrouping(app: AppServices): RunGrouping | null {
  const encoded = useStore(app.view, (v) => v.groupRuns);
  return useMemo(() => decodeRunGrouping(encoded), [encoded]);
}

/** hparam name → list of names, and run → value lookups; empty while loading or without hparams. */
export function useRunHParams(app: AppServices, enabled: boolean) {
  const refresh = useStore(app.data, (d) => d.refresh);
  const [sessions, setSessions] = useState<Map<string, Record<string, HValue>>>(new Map());
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    (async () => {
      const experiment = await fetchExperiment(controller.signal);
      const groups = await fetchSessionGroups(experiment, controller.signal);
      const map = new Map<string, Record<string, HValue>>();
      for (const g of groups) for (const s of g.sessions) map.set(s.name, g.hparams);
      setSessions(map);
      setNames(experiment.hparamInfos.map((h) => h.name));
    })().catch(() => undefined);
    return () => controller.abort();
  }, [enabled, refresh]);
  // One lookup function per hparam, stable until the sessions change (cards recompute on change).
  const valueOf = useMemo(() => {
    const cache = new Map<string, (run: string) => string | undefined>();
    return (hparam: string) => {
      let lookup = cache.get(hparam);
      if (!lookup) {
        lookup = (run: string) => {
          let path = run;
          for (;;) {
            const hparams = sessions.get(path);
            if (hparams) return hparams[hparam] === undefined ? undefined : String(hparams[hparam]);
            const slash = path.lastIndexOf('/');
            if (slash < 0) return undefined;
            path = path.slice(0, slash);
          }
        };
        cache.set(hparam, lookup);
      }
      return lookup;
    };
  }, [sessions]);
  return { names, valueOf };
}
