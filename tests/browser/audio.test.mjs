// Browser tests of the Audio dashboard against the real tbx binary on the dashboards fixture.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './harness.mjs';
import { cardSelector, openPage, setRange, startDashboards } from './dashboards_helpers.mjs';

let env;
before(async () => {
  env = await startDashboards();
});
after(async () => {
  await env?.stop();
});

const TONE = cardSelector('audio/tone', 'train');

test('a player per card with a relative source that answers 200 audio/wav and plays', async () => {
  const { page, errors } = await openPage(env, 'tab=audio');
  await page.waitForSelector(`${TONE}[data-steps="4"] audio`, { timeout: 20000 });
  const src = await page.$eval(`${TONE} audio`, (audio) => audio.getAttribute('src'));
  assert.match(src, /^data\/plugin\/audio\/individualAudio\?blob_key=[^&]+&content_type=audio%2Fwav$/);
  const answer = await page.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), riff: String.fromCharCode(...bytes.slice(0, 4)) };
  }, src);
  assert.deepEqual(answer, { status: 200, type: 'audio/wav', riff: 'RIFF' });
  // The browser decodes it: 2000 samples at 8 kHz are 0.25 s.
  const duration = await page.$eval(`${TONE} audio`, (audio) =>
    audio.readyState >= 1
      ? audio.duration
      : new Promise((resolve, reject) => {
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
          audio.addEventListener('error', () => reject(new Error('audio error')));
          audio.load();
        }),
  );
  assert.ok(Math.abs(duration - 0.25) < 0.01, `duration ${duration}`);
  assert.equal(await page.textContent(`${TONE} .step-slider__step`), 'Step 3');
  await screenshot(page, 'audio');
  assert.deepEqual(errors, []);
});

test('the step slider switches the clip', async () => {
  const { page } = await openPage(env, 'tab=audio');
  await page.waitForSelector(`${TONE}[data-steps="4"] audio`, { timeout: 20000 });
  const before = await page.$eval(`${TONE} audio`, (audio) => audio.getAttribute('src'));
  await setRange(page, `${TONE} .step-slider__input`, 1);
  await page.waitForSelector(`${TONE} audio[data-step="1"]`);
  const afterMove = await page.$eval(`${TONE} audio`, (audio) => audio.getAttribute('src'));
  assert.notEqual(afterMove, before);
  assert.equal(await page.textContent(`${TONE} .step-slider__step`), 'Step 1');
});
