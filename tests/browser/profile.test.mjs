// Browser tests of the Profile dashboard against the real tbx binary on a logdir of synthetic
// PyTorch traces written by `profile_tool generate`: the overview's stacked step breakdown is
// drawn, the operator table sorts, the memory curve is drawn, the trace timeline paints (its
// first-paint time is reported), zooms with W and shows a clicked event's details. Screenshots of
// each view go to the screenshot directory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, screenshot, startTbx } from './harness.mjs';

let logdir;
let server;
let browser;

before(async () => {
  const tool = process.env.TBX_PROFILE_TOOL;
  if (!tool) throw new Error('TBX_PROFILE_TOOL is not set (run the test through ctest)');
  logdir = mkdtempSync(join(tmpdir(), 'tbx-profile-'));
  for (const [run, mb] of [['resnet_like', 3], ['smaller', 1]]) {
    mkdirSync(join(logdir, run));
    execFileSync(tool, ['generate', join(logdir, run, `worker0.1700000000000.pt.trace.json`), String(mb)], {
      stdio: 'ignore',
    });
  }
  server = await startTbx(logdir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (logdir) rmSync(logdir, { recursive: true, force: true });
});

async function openProfile() {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${server.url}#tab=profile`);
  await page.waitForSelector('.profile-steps-chart', { timeout: 30000 });
  return { page, errors };
}

async function openView(page, label) {
  await page.click(`.profile-views button:text-is("${label}")`);
}

test('the overview draws the stacked step-time breakdown', async () => {
  const { page, errors } = await openProfile();
  const kernelShare = await page.textContent('.profile-summary tbody tr:first-child td:nth-child(3)');
  assert.ok(parseFloat(kernelShare) > 10, `kernel share ${kernelShare}`);
  // The Kernel colour (#4e79a7) and the CPU Exec colour (#b07aa1) are drawn in the chart.
  const counts = await page.$eval('.profile-steps-chart', (canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const near = (i, [r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12;
    let kernel = 0;
    let cpu = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, [0x4e, 0x79, 0xa7])) kernel++;
      if (near(i, [0xb0, 0x7a, 0xa1])) cpu++;
    }
    return { kernel, cpu };
  });
  assert.ok(counts.kernel > 500, `kernel pixels ${counts.kernel}`);
  assert.ok(counts.cpu > 0, `cpu pixels ${counts.cpu}`);
  await screenshot(page, 'profile_overview');
  assert.deepEqual(errors, []);
});

test('the operator table sorts by a clicked column', async () => {
  const { page, errors } = await openProfile();
  await openView(page, 'Operators');
  await page.waitForSelector('.profile-table tbody tr');
  const calls = () =>
    page.$$eval('.profile-table tbody tr', (rows) => {
      const header = [...document.querySelectorAll('.profile-table th')].map((th) => th.dataset.column);
      const i = header.indexOf('calls');
      return rows.map((r) => Number(r.children[i].textContent));
    });
  await page.click('.profile-table th[data-column="calls"]');
  const descending = await calls();
  assert.ok(descending.length >= 5);
  assert.deepEqual(descending, [...descending].sort((a, b) => b - a));
  await page.click('.profile-table th[data-column="calls"]');
  const ascending = await calls();
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
  await page.fill('.profile-table input[type=search]', 'conv2d');
  await page.waitForFunction(() => document.querySelectorAll('.profile-table tbody tr').length === 1);
  await screenshot(page, 'profile_operators');
  assert.deepEqual(errors, []);
});

test('the memory view draws allocated bytes over time', async () => {
  const { page, errors } = await openProfile();
  await openView(page, 'Memory');
  await page.waitForSelector('.profile-memory-chart .uplot canvas', { timeout: 15000 });
  assert.match(await page.textContent('.profile-memory-chart h4'), /GPU0: peak \d/);
  const drawn = await page.$eval('.profile-memory-chart .uplot canvas', (canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i + 2] > data[i] + 40) n++;
    return n;
  });
  assert.ok(drawn > 100, `curve pixels ${drawn}`);
  await screenshot(page, 'profile_memory');
  assert.deepEqual(errors, []);
});

test('the timeline paints, zooms with W and shows a clicked event', async () => {
  const { page, errors } = await openProfile();
  await openView(page, 'Trace');
  await page.waitForFunction(() => window.__tbxProfile?.firstPaintMs !== undefined, null, { timeout: 15000 });
  const firstPaint = await page.evaluate(() => window.__tbxProfile.firstPaintMs);
  console.log(`timeline first paint ${firstPaint.toFixed(0)} ms`);
  const span = () => page.textContent('.profile-timeline .profile-muted');
  const before = await span();
  await screenshot(page, 'profile_timeline');
  const canvas = page.locator('.profile-timeline-canvas');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + 400, box.y + 10);
  await canvas.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('w');
  await page.waitForFunction((b) => document.querySelector('.profile-timeline .profile-muted').textContent !== b, before);
  const paints = await page.evaluate(() => window.__tbxProfile.paints);
  await page.waitForFunction((p) => window.__tbxProfile.paints > p, paints, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(300);
  // Click the first event drawn on the top row (the profiler step or an operator).
  await page.mouse.click(box.x + 400, box.y + 9);
  await page.waitForSelector('.profile-details h4', { timeout: 10000 });
  const name = await page.textContent('.profile-details h4');
  assert.ok(name.length > 0);
  assert.match(await page.textContent('.profile-details'), /ts_ns/);
  await screenshot(page, 'profile_timeline_zoomed_details');
  assert.deepEqual(errors, []);
});

test('compare lines up the two runs step by step and by operator', async () => {
  const { page, errors } = await openProfile();
  await openView(page, 'Compare');
  await page.waitForSelector('.profile-compare .profile-table tbody tr', { timeout: 15000 });
  const tables = await page.$$eval('.profile-compare .profile-table', (nodes) =>
    nodes.map((table) => ({
      headers: [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
      ),
    })),
  );
  assert.equal(tables.length, 2, 'a step table and an operator table');
  const [steps, ops] = tables;
  assert.ok(steps.headers[0].startsWith('step_a'), `step headers ${steps.headers}`);
  assert.ok(steps.headers.some((h) => h.startsWith('kernel_diff')), `step headers ${steps.headers}`);
  // Both generated runs have ProfilerStep#1…: at least one step is paired, with a difference.
  const paired = steps.rows.filter((r) => r[0] !== '' && r[1] !== '' && r[4] !== '');
  assert.ok(paired.length > 0, `paired steps in ${JSON.stringify(steps.rows.slice(0, 3))}`);
  assert.equal(paired[0][0], paired[0][1], 'paired by step name');
  assert.ok(ops.rows.length > 3, `operator rows ${ops.rows.length}`);
  await screenshot(page, 'profile_compare');
  assert.deepEqual(errors, []);
});
