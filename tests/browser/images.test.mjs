// Browser tests of the Images dashboard against the real tbx binary on the dashboards fixture.
// The fixture's image of step s, sample n is (20 + s) × (10 + n) pixels.
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

const GRID = cardSelector('samples/grid', 'train');

async function openImages() {
  const opened = await openPage(env, 'tab=images');
  await opened.page.waitForSelector(`${GRID}[data-steps="12"] img`, { timeout: 20000 });
  return opened;
}

/** [data-step, naturalWidth, naturalHeight, relative src] of each image of the card, once loaded. */
async function shownImages(page) {
  await page.waitForFunction(
    (selector) => [...document.querySelectorAll(`${selector} img`)].every((img) => img.complete && img.naturalWidth > 0),
    GRID,
  );
  return page.$$eval(`${GRID} img`, (imgs) =>
    imgs.map((img) => [Number(img.dataset.step), img.naturalWidth, img.naturalHeight, img.getAttribute('src')]),
  );
}

test('shows every sample of the newest step, then the step chosen with the slider', async () => {
  const { page, errors } = await openImages();
  const newest = await shownImages(page);
  assert.deepEqual(newest.map(([step, w, h]) => [step, w, h]), [
    [11, 31, 10],
    [11, 31, 11],
    [11, 31, 12],
  ]);
  for (const [, , , src] of newest) assert.match(src, /^data\/plugin\/images\/individualImage\?blob_key=/);

  // Keyboard: Home goes to the first step, then five steps on.
  const slider = `${GRID} .step-slider__input`;
  await page.focus(slider);
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.waitForSelector(`${GRID} img[data-step="5"]`);
  assert.equal(await page.textContent(`${GRID} .step-slider__step`), 'Step 5');
  assert.deepEqual((await shownImages(page)).map(([step, w, h]) => [step, w, h]), [
    [5, 25, 10],
    [5, 25, 11],
    [5, 25, 12],
  ]);
  await screenshot(page, 'images_step5');
  assert.deepEqual(errors, []);
});

test('brightness and contrast change the CSS filter; actual size shows natural pixels', async () => {
  const { page } = await openImages();
  const filter = () => page.$eval(`${GRID} img`, (img) => getComputedStyle(img).filter);
  assert.equal(await filter(), 'none');
  await setRange(page, 'input[aria-label="Brightness"]', 1.5);
  await setRange(page, 'input[aria-label="Contrast"]', 0.5);
  assert.equal(await filter(), 'brightness(1.5) contrast(0.5)');
  await screenshot(page, 'images_bright');

  const width = () => page.$eval(`${GRID} img`, (img) => img.getBoundingClientRect().width);
  assert.ok((await width()) > 60, 'images should fill their share of the card');
  await page.check('text=Show actual image size');
  assert.equal(await width(), 31);
  await page.click('text=Reset brightness and contrast');
  assert.equal(await filter(), 'none');
});

test('an animated GIF (as add_video writes) is served as image/gif and plays', async () => {
  const { page, errors } = await openPage(env, 'tab=images');
  const clip = cardSelector('video/clip', 'train');
  await page.waitForSelector(`${clip}[data-steps="1"] img`, { timeout: 20000 });
  await page.waitForFunction((selector) => {
    const img = document.querySelector(`${selector} img`);
    return img.complete && img.naturalWidth === 8;
  }, clip);
  const contentType = await page.$eval(`${clip} img`, async (img) => (await fetch(img.src)).headers.get('content-type'));
  assert.equal(contentType, 'image/gif');
  // The browser decodes two frames: all red, then blue (WebCodecs' ImageDecoder).
  const frames = await page.$eval(`${clip} img`, async (img) => {
    const decoder = new ImageDecoder({ data: (await fetch(img.src)).body, type: 'image/gif' });
    await decoder.tracks.ready;
    const colours = [];
    for (let frameIndex = 0; frameIndex < decoder.tracks.selectedTrack.frameCount; frameIndex++) {
      const { image } = await decoder.decode({ frameIndex });
      const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      colours.push([...context.getImageData(0, 0, 1, 1).data.slice(0, 3)].join(','));
      image.close();
    }
    return colours;
  });
  assert.deepEqual(frames, ['255,0,0', '0,0,255']);

  // And the card plays them: screenshots of the image 100 ms apart (frames last 200 ms) differ.
  const img = await page.$(`${clip} img`);
  await img.scrollIntoViewIfNeeded();
  const shots = new Set();
  for (let i = 0; i < 20 && shots.size < 2; i++) {
    shots.add((await img.screenshot()).toString('base64'));
    await page.waitForTimeout(100);
  }
  assert.equal(shots.size, 2, 'the GIF did not animate');
  await screenshot(page, 'images_gif');
  assert.deepEqual(errors, []);
});
