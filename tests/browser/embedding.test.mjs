// The app must work under --path_prefix (all URLs relative) and inside an <iframe>.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import {
  FIXTURE_RUNS as RUNS,
  canvasColorCounts,
  fixtureLogdir,
  launchBrowser,
  newPage,
  runColors,
  screenshot,
  startTbx,
  waitForChart,
} from './harness.mjs';

let logdir;
let prefixed;
let browser;
let host;

before(async () => {
  logdir = fixtureLogdir();
  prefixed = await startTbx(logdir.dir, { pathPrefix: '/proxy/tb', expectRuns: RUNS });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await prefixed?.stop();
  host?.close();
  logdir?.cleanup();
});

async function assertChartsDrawn(frame) {
  await waitForChart(frame, 'loss/total');
  const colors = await runColors(frame);
  const { counts } = await canvasColorCounts(frame, 'loss/total', RUNS.map((run) => colors[run]));
  counts.forEach((count, i) => assert.ok(count > 20, `run ${RUNS[i]} drew ${count} pixels`));
}

test('works under --path_prefix, requesting only prefixed URLs', async () => {
  const page = await newPage(browser);
  const outside = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/proxy/tb/')) outside.push(path);
  });
  await page.goto(prefixed.url + '#smoothing=0');
  await assertChartsDrawn(page);
  assert.deepEqual(outside, []);
  await screenshot(page, 'path_prefix');
});

test('works inside an iframe of another origin', async () => {
  host = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>host</title><h1>Notebook</h1>
      <iframe id="tb" src="${prefixed.url}#smoothing=0" width="1300" height="850"></iframe>`);
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  const page = await newPage(browser);
  await page.goto(`http://localhost:${host.address().port}/`);
  const frame = await (await page.waitForSelector('#tb')).contentFrame();
  await assertChartsDrawn(frame);
  await screenshot(page, 'iframe');
});
