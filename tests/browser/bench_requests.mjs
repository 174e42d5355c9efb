// Benchmark helper: records the data requests of a page (when each left and was answered, in ms
// after a navigation start, and its size), to print where a page open spends its time.
// Used by bench_timeseries.mjs and bench_histograms.mjs.

/** Starts recording `page`'s requests under `server.url`data/; returns the recorder. */
export function recordRequests(page, server) {
  let requests = [];
  let navigationStart = Date.now();
  page.on('requestfinished', async (request) => {
    const url = request.url();
    if (!url.includes('/data/')) return;
    const timing = request.timing();
    const sizes = await request.sizes().catch(() => null);
    requests.push({
      route: url.replace(server.url, '').replace(/\?.*/, ''),
      sent: timing.startTime + timing.requestStart,
      answered: timing.startTime + timing.responseEnd,
      bytes: sizes ? sizes.responseBodySize : 0,
      series: request.postData()?.match(/"plugin"/g)?.length ?? 0,
    });
  });
  return {
    /** Forgets what was recorded; times are taken from now on. */
    restart() {
      requests = [];
      navigationStart = Date.now();
    },
    /** One line per request, in the order they left. */
    lines() {
      return [...requests]
        .sort((a, b) => a.sent - b.sent)
        .map(
          (r) =>
            `${r.route}${r.series ? ` (${r.series} series)` : ''}: sent ${(r.sent - navigationStart).toFixed(0)} ms, ` +
            `answered ${(r.answered - navigationStart).toFixed(0)} ms, ${(r.bytes / 1e3).toFixed(0)} KB`,
        );
    },
  };
}
