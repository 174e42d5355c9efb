// Where the time to a Scalars page's first paint went, from a Chrome trace and the page's resource
// timings (used by bench_paint and bench_runs with --trace). Node only; prints to stdout.
//
// The categories to trace with (browser.startTracing).
export const traceCategories = ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute'];

/**
 * The page's own timings, in ms after navigation start: the HTML's end, each resource (path, sent,
 * on the wire, first byte, last byte, bytes) and each performance mark.
 */
export async function pageTimings(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((e) => ({
      path: new URL(e.name).pathname,
      start: e.startTime,
      request: e.requestStart,
      firstByte: e.responseStart,
      end: e.responseEnd,
      bytes: e.encodedBodySize,
    }));
    const marks = performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime }));
    return { html: nav.responseEnd, domInteractive: nav.domInteractive, res, marks };
  });
}

/** Milestones of one load (ms after navigation start) and the main thread's busy time by kind. */
export async function printBreakdown(page, trace, paintedMs) {
  const timing = await pageTimings(page);
  timing.now = paintedMs;
  const span = (filter) => {
    const xs = timing.res.filter((r) => filter(r.path));
    if (xs.length === 0) return '—';
    const start = Math.min(...xs.map((x) => x.start));
    const lastStart = Math.max(...xs.map((x) => x.start));
    const firstEnd = Math.min(...xs.map((x) => x.end));
    const end = Math.max(...xs.map((x) => x.end));
    return xs.length === 1
      ? `${start.toFixed(0)}→${end.toFixed(0)}`
      : `${xs.length}× sent ${start.toFixed(0)}…${lastStart.toFixed(0)}, answered ${firstEnd.toFixed(0)}…${end.toFixed(0)}`;
  };
  const events = JSON.parse(trace.toString()).traceEvents;
  const navStart = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame)?.ts;
  const mainThread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' &&
    events.some((x) => x.pid === e.pid && x.name === 'navigationStart'));
  const onMain = events.filter((e) => e.pid === mainThread?.pid && e.tid === mainThread?.tid && e.ph === 'X');
  const busy = {};
  const kinds = [['EvaluateScript', 'script eval'], ['v8.compileModule', 'module compile'], ['v8.evaluateModule', 'module eval'],
    ['FunctionCall', 'callbacks'], ['TimerFire', 'timers'], ['FireAnimationFrame', 'animation frames'], ['ParseHTML', 'HTML'],
    ['UpdateLayoutTree', 'style'], ['Layout', 'layout'], ['Paint', 'paint'], ['RunMicrotasks', 'microtasks']];
  const windowEnd = navStart + timing.now * 1000;
  for (const e of onMain) {
    if (e.ts < navStart || e.ts > windowEnd) continue;
    const kind = kinds.find(([name]) => e.name === name);
    if (kind) busy[kind[1]] = (busy[kind[1]] ?? 0) + (e.tdur ?? e.dur) / 1000;
  }
  // The thread's top-level tasks: a task runner's task, or a microtask checkpoint outside one
  // (where promise callbacks such as a chart's draw after its fetch run). A task nested in another
  // (a RunTask inside ThreadControllerImpl::RunTask) is counted once, as its outer task.
  const tasks = [];
  for (const e of onMain
    .filter((e) => ['RunTask', 'ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint'].includes(e.name))
    .filter((e) => e.ts >= navStart && e.ts <= windowEnd)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    const outer = tasks[tasks.length - 1];
    if (outer && e.ts < outer.ts + outer.dur) continue;
    tasks.push(e);
  }
  const cpu = (t) => (t.tdur ?? t.dur) / 1000;
  const total = tasks.reduce((sum, t) => sum + cpu(t), 0);
  // Before the first /series request left: the work on the way to asking for the charts' data.
  const firstSeries = Math.min(...timing.res.filter((r) => r.path.includes('scalars/series')).map((r) => r.start));
  const beforeSeries = tasks.filter((t) => (t.ts - navStart) / 1000 < firstSeries).reduce((sum, t) => sum + cpu(t), 0);
  // From the first /series answer to the painted screen: decoding and drawing the charts.
  const firstAnswer = Math.min(...timing.res.filter((r) => r.path.includes('scalars/series')).map((r) => r.end));
  const afterAnswer = tasks.filter((t) => (t.ts - navStart) / 1000 >= firstAnswer).reduce((sum, t) => sum + cpu(t), 0);
  const longest = tasks.map((t) => ({ at: (t.ts - navStart) / 1000, ms: cpu(t) })).sort((a, b) => b.ms - a.ms).slice(0, 4);
  // Each request's wait for a connection (sent → on the wire), the server's time to its first
  // byte, and the transfer (first → last byte, which includes waiting for the page's main thread).
  const phases = (filter) =>
    timing.res
      .filter((r) => filter(r.path))
      .map((r) => `${(r.request - r.start).toFixed(0)}/${(r.firstByte - r.request).toFixed(0)}/${(r.end - r.firstByte).toFixed(0)}`)
      .join(' ');
  const scripts = (n) => /\.js$/.test(n);
  console.log(`  HTML ${timing.html.toFixed(0)}; scripts ${span(scripts)}; app marks ${timing.marks.map((m) => `${m.name}@${m.at.toFixed(0)}`).join(' ')}`);
  console.log(`  runs ${span((n) => n.endsWith('/data/runs'))}; plugins_listing ${span((n) => n.endsWith('plugins_listing'))}; ` +
    `scalar tags ${span((n) => /scalars\/tag(s|_list)$/.test(n))}; series ${span((n) => n.includes('scalars/series'))}; painted ${timing.now.toFixed(0)}`);
  console.log(`  queued/server/transfer ms: scalar tags ${phases((n) => /scalars\/tag(s|_list)$/.test(n))}; series ${phases((n) => n.includes('scalars/series'))}`);
  console.log(`  main thread CPU ${total.toFixed(0)} ms (${beforeSeries.toFixed(0)} before the first series request left, ${afterAnswer.toFixed(0)} from its first answer to the paint): ${Object.entries(busy).filter(([, ms]) => ms >= 1).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ')}; ` +
    `longest tasks ${longest.map((t) => `${t.ms.toFixed(0)} ms @${t.at.toFixed(0)}`).join(', ')}`);
}
