// Times the Profile tab on a logdir (not a pass/fail test): the overview route's first answer
// (which parses and indexes the trace) and a second one (cached), a full-range timeline query,
// and in the browser the time from opening the Trace view to the timeline's first paint.
//   TBX_BINARY=build/tbx TBX_FRONTEND_DIR=frontend node tests/browser/bench_profile.mjs LOGDIR
import { launchBrowser, newPage, startTbx } from './harness.mjs';

const logdir = process.argv[2];
if (!logdir) throw new Error('usage: bench_profile.mjs LOGDIR');
const server = await startTbx(logdir);
const get = async (path) => {
  const started = performance.now();
  const response = await fetch(server.url + path);
  const body = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body}`);
  return [performance.now() - started, body];
};
try {
  const [, runsBody] = await get('data/plugin/profile/runs');
  const run = JSON.parse(runsBody)[0];
  const [, hostsBody] = await get(`data/plugin/profile/hosts?run=${encodeURIComponent(run)}`);
  const host = JSON.parse(hostsBody)[0].hostname;
  const q = `run=${encodeURIComponent(run)}&host=${encodeURIComponent(host)}`;
  const [first, overview] = await get(`data/plugin/profile/data?${q}&tag=overview_page`);
  const [second] = await get(`data/plugin/profile/data?${q}&tag=overview_page`);
  const duration = JSON.parse(overview).duration_ns;
  const [range, rangeBody] = await get(`data/plugin/profile/data?${q}&tag=trace_viewer&width=1500`);
  const zoomStart = Math.floor(duration / 2);
  const [zoom] = await get(
    `data/plugin/profile/data?${q}&tag=trace_viewer&width=1500&start_ns=${zoomStart}&end_ns=${zoomStart + Math.max(1000, Math.floor(duration / 1000))}`,
  );
  console.log(`run ${run}, host ${host}`);
  console.log(`overview route: first ${first.toFixed(0)} ms (parse + index + overview), cached ${second.toFixed(1)} ms`);
  console.log(`timeline range: whole trace ${range.toFixed(1)} ms (${rangeBody.length} bytes), 1/1000 of it ${zoom.toFixed(1)} ms`);
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.goto(`${server.url}#tab=profile`);
    await page.waitForSelector('.profile-steps-chart', { timeout: 60000 });
    await page.click('.profile-views button:text-is("Trace")');
    await page.waitForFunction(() => window.__tbxProfile?.firstPaintMs !== undefined, null, { timeout: 60000 });
    const paint = await page.evaluate(() => window.__tbxProfile.firstPaintMs);
    console.log(`timeline first paint: ${paint.toFixed(0)} ms after opening the Trace view`);
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}
