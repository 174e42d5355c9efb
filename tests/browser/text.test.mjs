// Browser tests of the Text dashboard against the real tbx binary on the dashboards fixture:
// Markdown tables render as tables, and HTML in summaries, tag names and run names never runs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './harness.mjs';
import { XSS_RUN, XSS_TEXT_TAG, cardSelector, injectedGlobals, openPage, setRange, startDashboards } from './dashboards_helpers.mjs';

let env;
before(async () => {
  env = await startDashboards();
});
after(async () => {
  await env?.stop();
});

const REPORT = cardSelector('notes/report', 'train');

test('renders the Markdown of the chosen step, with its table as a <table>', async () => {
  const { page, errors } = await openPage(env, 'tab=text');
  await page.waitForSelector(`${REPORT}[data-steps="3"] .text-body`, { timeout: 20000 });
  assert.equal(await page.textContent(`${REPORT} .text-body h1`), 'Report for step 2');
  const headers = await page.$$eval(`${REPORT} .text-body table th`, (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(headers, ['metric', 'value']);
  const cells = await page.$$eval(`${REPORT} .text-body table td`, (tds) => tds.map((td) => td.textContent.trim()));
  assert.deepEqual(cells.slice(2), ['step', '2']);
  await setRange(page, `${REPORT} .step-slider__input`, 0);
  await page.waitForSelector(`${REPORT} .text-body[data-step="0"]`);
  assert.equal(await page.textContent(`${REPORT} .text-body h1`), 'Report for step 0');
  await screenshot(page, 'text');
  assert.deepEqual(errors, []);
});

test('HTML in a summary, a tag name and a run name is shown as text and never runs', async () => {
  const { page, dialogs } = await openPage(env, 'tab=text');
  await page.waitForSelector(`${REPORT}[data-steps="3"] .text-body`, { timeout: 20000 });
  const body = await page.textContent(`${REPORT} .text-body`);
  assert.ok(body.includes('<script>window.__xssText=1</script>'), `script not shown as text: ${body}`);
  assert.ok(body.includes('<img src=x onerror="window.__xssImg=1">'), `img not shown as text: ${body}`);
  assert.equal(await page.$$eval('.main script, .main img', (els) => els.length), 0);

  const card = cardSelector(XSS_TEXT_TAG, XSS_RUN);
  await page.waitForSelector(`${card}[data-steps="1"] .text-body`);
  assert.equal(await page.textContent(`${card} .card__title`), XSS_TEXT_TAG);
  assert.equal(await page.textContent(`${card} .card__run-name`), XSS_RUN);
  const runNames = await page.$$eval('.run-row__name', (els) => els.map((e) => e.textContent));
  assert.ok(runNames.includes(XSS_RUN));
  await page.waitForTimeout(300);
  assert.deepEqual(await injectedGlobals(page), []);
  assert.deepEqual(dialogs, []);
  await screenshot(page, 'text_injection');
});

test('the Markdown switch shows the raw text, keeps it in the URL, and renders again when on', async () => {
  const { page, errors } = await openPage(env, 'tab=text');
  await page.waitForSelector(`${REPORT}[data-steps="3"] .text-body[data-markdown="true"]`, { timeout: 20000 });
  assert.equal(await page.textContent(`${REPORT} .text-body strong`), 'bold');

  const rawRequest = page.waitForRequest((r) => r.url().includes('data/plugin/text/text?') && r.url().includes('markdown=false'));
  await page.uncheck('text=Render Markdown');
  await rawRequest;
  await page.waitForSelector(`${REPORT} .text-body[data-markdown="false"]`);
  const raw = await page.textContent(`${REPORT} .text-body`);
  assert.ok(raw.includes('Some **bold** text and `code`.'), `raw text not shown: ${raw}`);
  assert.ok(raw.includes('| metric | value |'), `raw table not shown: ${raw}`);
  assert.equal(await page.$$eval(`${REPORT} .text-body strong, ${REPORT} .text-body h1`, (els) => els.length), 0);
  assert.match(await page.evaluate(() => location.hash), /markdown=0/);
  await screenshot(page, 'text_raw');

  await page.check('text=Render Markdown');
  await page.waitForSelector(`${REPORT} .text-body[data-markdown="true"] strong`);
  assert.equal(await page.textContent(`${REPORT} .text-body strong`), 'bold');
  assert.doesNotMatch(await page.evaluate(() => location.hash), /markdown=/);
  assert.deepEqual(errors, []);
});

// Last: it adds data to the shared logdir.
test('live updates add new steps: a slider at the newest step follows, one moved back stays', async () => {
  const { page } = await openPage(env, 'tab=text');
  const evalReport = cardSelector('notes/report', 'eval');
  await page.waitForSelector(`${REPORT}[data-steps="3"] .text-body[data-step="2"]`, { timeout: 20000 });
  await page.waitForSelector(`${evalReport}[data-steps="2"] .text-body`);
  await setRange(page, `${evalReport} .step-slider__input`, 0);
  await page.waitForSelector(`${evalReport} .text-body[data-step="0"]`);
  // New event files get later names when written a second later.
  await page.waitForTimeout(1100);
  env.logdir.appendText('train', 3);
  env.logdir.appendText('eval', 2);
  await page.waitForSelector(`${REPORT}[data-steps="4"] .text-body[data-step="3"]`, { timeout: 20000 });
  assert.equal(await page.textContent(`${REPORT} .text-body h1`), 'Report for step 3');
  await page.waitForSelector(`${evalReport}[data-steps="3"]`, { timeout: 20000 });
  assert.equal(await page.getAttribute(`${evalReport} .text-body`, 'data-step'), '0');
  assert.equal(await page.textContent(`${evalReport} .step-slider__step`), 'Step 0');
});
