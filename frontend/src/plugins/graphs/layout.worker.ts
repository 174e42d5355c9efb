// The layout worker: lays out one group per message so the UI thread never runs dagre.
import { computeLayout, type LayoutRequest } from './layout';

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  try {
    self.postMessage({ ok: true, result: computeLayout(event.data) });
  } catch (error) {
    self.postMessage({ ok: false, key: event.data.key, error: String(error) });
  }
};
