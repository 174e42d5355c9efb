// The Graphs tab's dashboard: the graph explorer (GraphsDashboard.tsx), whose first mount in the page
// comes one task after the render that shows the tab. On a page opened on this tab, the explorer's
// code has usually arrived before the runs and the plugins listing, and the render that shows them
// (the tabs, the run list) would otherwise also mount the explorer: one task of twice the CPU of
// either, the page open's longest. Until then the tab shows what it shows while its code loads.
// UI thread only.
import { useLayoutEffect, useState } from 'preact/hooks';
import type { DashboardProps } from '../registry';
import { GraphsDashboard } from './GraphsDashboard';

/** Whether the explorer has been mounted in this page (later mounts are not put off). */
let mountedOnce = false;

export function GraphsTab(props: DashboardProps) {
  const [ready, setReady] = useState(mountedOnce);
  useLayoutEffect(() => {
    if (ready) return undefined;
    const timer = setTimeout(() => {
      mountedOnce = true;
      setReady(true);
    }, 0);
    return () => clearTimeout(timer);
  }, []);
  return ready ? <GraphsDashboard {...props} /> : <p class="empty">Loading…</p>;
}
