// Paired comparison of tbx builds on the Scalars first screen (a benchmark, not a test).
//
//   node tests/browser/bench_paint_pairs.mjs --tbx build/tbx,/tmp/tbx-main [--repeat 12]
//        [--logdir /tmp/tbx-bench-50x20x10000] [--tool build/tests/browser/make_browser_logdir]
//        [--hash tab=scalars]
//
// Serves the same logdir with each build (two or more, comma-separated), then loads the page from
// each in turn, one load at a time, `--repeat` rounds (the order reversed every other round), and
// prints each build's median of navigation → every visible chart painted (as bench_paint.mjs
// measures it) and, for the first two, the median of their paired differences and how many pairs
// the second won. On a 2-core machine, blocks of loads of one build (bench_paint) move by ±50 ms
// from one minute to the next; loads alternated one by one see the same minutes and tell builds
// apart by much less.
import { resolve } from 'node:path';
import { arg, ensureBenchLogdir, launchBenchBrowser, median, serveLogdir, settleBrowser } from './bench_common.mjs';
import { watchFirstScreen } from './harness.mjs';

const builds = arg('tbx', 'build/tbx').split(',').map((b) => resolve(b));
const repeat = Number(arg('repeat', 12));
const hash = arg('hash', 'tab=scalars');
const logdir = resolve(arg('logdir', '/tmp/tbx-bench-50x20x10000'));
ensureBenchLogdir(logdir, resolve(arg('tool', 'build/tests/browser/make_browser_logdir')), 50, 20, 10000);

const servers = [];
const browser = await launchBenchBrowser();
try {
  for (const build of builds) servers.push(await serveLogdir(build, logdir, 50));
  const times = builds.map(() => []);
  for (let round = 0; round < repeat; round++) {
    const order = builds.map((_, k) => k);
    if (round % 2 === 1) order.reverse();
    for (const k of order) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await settleBrowser(servers[k].child.pid);
      const watched = await watchFirstScreen(page, { timeout: 60000 });
      await page.goto(`${servers[k].url}#${hash}`, { waitUntil: 'commit' });
      times[k].push(await watched.painted);
      await context.close();
    }
  }
  builds.forEach((build, k) => {
    const all = times[k].map((t) => t.toFixed(0)).join(' ');
    console.log(`${build}: navigation → visible charts painted, median ${median(times[k]).toFixed(0)} ms [${all}]`);
  });
  if (builds.length >= 2) {
    const differences = times[0].map((t, i) => t - times[1][i]);
    const won = differences.filter((d) => d > 0).length;
    console.log(
      `paired, first − second: median ${median(differences).toFixed(0)} ms; the second faster in ${won} of ${repeat} pairs`,
    );
  }
} finally {
  await browser.close();
  for (const server of servers) server.child.kill();
}
