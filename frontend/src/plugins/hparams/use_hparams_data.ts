// Loads the experiment and every session group (again on each live refresh), and exposes the
// dashboard's URL-kept view state with a setter that merges a patch.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { useStore } from '../../state/store';
import { type Experiment, type SessionGroup, fetchExperiment, fetchSessionGroups } from './hparams_api';
import {
  type Column,
  type HParamsView,
  type Row,
  buildColumns,
  buildRows,
  decodeHParamsView,
  encodeHParamsView,
} from './table_model';

export interface HParamsData {
  columns: Column[];
  rows: Row[];
  groups: SessionGroup[];
}

export function useHParamsData(app: AppServices): { data: HParamsData | null; error: string | null } {
  const refresh = useStore(app.data, (d) => d.refresh);
  const [loaded, setLoaded] = useState<{ experiment: Experiment; groups: SessionGroup[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const experiment = await fetchExperiment(controller.signal);
      const groups = await fetchSessionGroups(experiment, controller.signal);
      setLoaded({ experiment, groups });
      setError(null);
    })().catch((e: unknown) => {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    });
    return () => controller.abort();
  }, [refresh]);
  const data = useMemo(() => {
    if (!loaded) return null;
    const columns = buildColumns(loaded.experiment, loaded.groups);
    return { columns, rows: buildRows(columns, loaded.groups), groups: loaded.groups };
  }, [loaded]);
  return { data, error };
}

export function useHParamsView(app: AppServices): [HParamsView, (patch: Partial<HParamsView>) => void] {
  const encoded = useStore(app.view, (v) => v.hparams);
  const view = useMemo(() => decodeHParamsView(encoded), [encoded]);
  const update = (patch: Partial<HParamsView>) => {
    const next = { ...decodeHParamsView(app.view.get().hparams), ...patch };
    app.view.set({ hparams: encodeHParamsView(next) });
  };
  return [view, update];
}
