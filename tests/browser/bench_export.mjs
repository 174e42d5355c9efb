// Benchmark: opening a `tbx export` folder from file:// in Chromium, no server.
//   TBX_FRONTEND_DIR=frontend node tests/browser/bench_export.mjs SITE [REPEAT=3]
// Prints, per try, the time from navigation to every scalar card in the first screen having
// painted its data (data-points > 0), and how many data files the page loaded meanwhile.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, newPage, waitForFirstScreenPainted } from './harness.mjs';

const [site, repeatArg = '3'] = process.argv.slice(2);
if (!site) {
  console.error('usage: bench_export.mjs SITE [REPEAT]');
  process.exit(2);
}
const browser = await launchBrowser();
try {
  const times = [];
  for (let i = 0; i < Number(repeatArg); i++) {
    const page = await newPage(browser);
    let scripts = 0;
    page.on('request', (r) => r.url().includes('/data/') && scripts++);
    const started = Date.now();
    await page.goto(pathToFileURL(join(resolve(site), 'index.html')).href + '#tab=scalars');
    await page.waitForSelector('.card[data-tag]', { timeout: 300000 });
    await waitForFirstScreenPainted(page, { timeout: 300000, polling: 50 });
    const ms = Date.now() - started;
    const shown = await page.$$eval('.card[data-points]', (cs) => cs.filter((c) => Number(c.dataset.points) > 0).length);
    times.push(ms);
    console.log(`try ${i + 1}: first screen painted in ${ms} ms (${shown} cards drawn, ${scripts} data files loaded)`);
    await page.context().close();
  }
  times.sort((a, b) => a - b);
  console.log(`median ${times[Math.floor(times.length / 2)]} ms`);
} finally {
  await browser.close();
}
