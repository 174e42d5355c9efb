// A point appended to an event file appears in the open page without a reload.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fixtureLogdir, launchBrowser, logdirTool, newPage, screenshot, startTbx, waitForChart } from './harness.mjs';

let logdir;
let server;
let browser;

before(async () => {
  logdir = fixtureLogdir();
  server = await startTbx(logdir.dir, { expectRuns: ['eval', 'sweep/lr=0.1', 'train'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  logdir?.cleanup();
});

test('an appended point shows up without reloading the page', async () => {
  const page = await newPage(browser);
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  await page.goto(server.url);
  await waitForChart(page, 'loss/total');
  const card = '.card[data-tag="loss/total"]';
  assert.equal(await page.$eval(card, (c) => c.dataset.maxStep), '199');

  const runDir = join(logdir.dir, 'train');
  const eventFile = join(runDir, readdirSync(runDir).find((name) => name.includes('tfevents')));
  const appendedAt = Date.now();
  logdirTool('append', eventFile, 'loss/total', 250, 3.5);
  await page.waitForFunction((selector) => document.querySelector(selector).dataset.maxStep === '250', card, {
    timeout: 10000,
  });
  const latencyMs = Date.now() - appendedAt;
  console.log(`appended point visible after ${latencyMs} ms`);
  assert.ok(latencyMs < 5000, `the point took ${latencyMs} ms to appear`);
  assert.equal(navigations, 1, 'the page was reloaded');
  await screenshot(page, 'live_appended');
});

test('a corrupt record shows a notice naming the run, and the data stays visible', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitForChart(page, 'loss/total');
  const runDir = join(logdir.dir, 'eval');
  const eventFile = join(runDir, readdirSync(runDir).find((name) => name.includes('tfevents')));
  logdirTool('corrupt', eventFile, 'loss/total', 300, 1.0);
  // A good record after the bad one must still be read.
  logdirTool('append', eventFile, 'loss/total', 301, 1.5);
  // Generous: the notice's latency is not what this test measures, and a loaded CI machine can
  // take more than 10 s to re-read the file and poll.
  const notice = await page.waitForSelector('.notice--warning', { timeout: 30000 });
  assert.match(await notice.textContent(), /Corrupt data in 1 run/);
  await notice.click();
  assert.match(await page.textContent('.notice--warning'), /eval/);
  assert.ok((await page.$$('.card canvas')).length > 0);
  await screenshot(page, 'corrupt_notice');
});
