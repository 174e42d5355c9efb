// A layout worker: lays out one group per message so the UI thread never runs dagre. The layout
// client runs two: one for the quick layouts of every opened group, one for the slow dagre layouts
// of large groups, so those never delay the next expansion.
import { type LayoutRequest } from './layout';
import { computeLayout } from './layout_dagre';

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  try {
    self.postMessage({ ok: true, result: computeLayout(event.data) });
  } catch (error) {
    self.postMessage({ ok: false, key: event.data.key, error: String(error) });
  }
};
