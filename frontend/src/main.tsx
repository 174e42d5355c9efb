// Entry point: creates the shared services and mounts the application shell into #app.
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { prefetch } from './api/client';
import { type AppServices, createServices } from './app/services';
import { firstCardReady } from './plugins/histograms/early_rebinned';
import { dashboardFor } from './plugins/registry';
import { App } from './shell/App';
import { DEFAULT_TAB } from './shell/PluginTabs';
import { warmUpControls, warmUpText } from './shell/warm_up';
import { decodeViewState } from './state/view_state';

// When the app's code starts running (the benchmarks and a browser test read it).
performance.mark('tbx:app-start');
// Everything the first screen needs leaves now, in parallel, rather than each request after the
// answer that leads to it: the shell's runs and plugins (App.tsx), and for the dashboard in the URL
// (or the default one, the most likely to be shown) its code and its first listing. A failure is
// retried when the tab mounts.
// The data requests are started before the code's: the browser opens at most six connections to
// a server, and a dashboard's code is a dozen files, which would otherwise hold every connection
// while its listing waited for one.
prefetch('data/runs');
prefetch('data/plugins_listing');
const firstTab = dashboardFor(decodeViewState(window.location.hash).tab || DEFAULT_TAB);
firstTab?.prefetch();
firstTab?.preload().catch(() => undefined);

// On the Histograms tab, whose first card index.html has asked for by position, the app renders
// as soon as that card's code and name have arrived, with the card in its first render
// (early_rebinned.ts), rather than after the start-up tasks below and then the listings.
const histogramsFirst = firstTab?.plugin === 'histograms' ? firstCardReady(firstTab.preload()) : null;
if (histogramsFirst) {
  // The services are created in a task of their own (see below) while those arrive.
  const services = new Promise<AppServices>((resolve) => setTimeout(() => resolve(createServices()), 0));
  void Promise.all([services, histogramsFirst]).then(([app]) =>
    render(<App app={app} opening="histograms" />, document.getElementById('app')!),
  );
} else {
  // Five main-thread tasks instead of one long one: evaluating the bundle (above), creating the
  // services (their settings and run colours are the page's first localStorage reads, which wait
  // on the browser process, for tens of milliseconds while it is busy loading the page), the
  // one-time set-up of the page's first text and of its first form controls (warm_up.ts), and the
  // first render.
  let app: AppServices;
  inTasks([
    () => (app = createServices()),
    () => warmUpText(document.body),
    () => warmUpControls(document.body),
    () => render(<App app={app} />, document.getElementById('app')!),
  ]);
}

/** Runs `steps` in order, each in a main-thread task of its own. */
function inTasks(steps: (() => unknown)[]): void {
  const [first, ...rest] = steps;
  if (!first) return;
  setTimeout(() => {
    first();
    inTasks(rest);
  }, 0);
}
