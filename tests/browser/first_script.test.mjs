// Checks the built frontend (TBX_FRONTEND_DIST) keeps every dashboard out of the app's first
// script: index.html's entry and the chunks it imports statically hold only the shell (header,
// tabs, routing, run selector); each dashboard of the registry is a chunk of its own
// (`dashboard-<plugin>-<hash>.js`, named by vite.config.ts) that no static import reaches, and no
// chart or sanitizer library (uPlot, DOMPurify, three.js) is evaluated before a tab asks for it;
// the Scalars tab itself reaches no uPlot (its charts import it once drawn).
// Evaluating them on every page open was the longest main-thread task of opening any tab.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const dist = process.env.TBX_FRONTEND_DIST;
const registry = new URL('../../frontend/src/plugins/registry.ts', import.meta.url);

/** The plugins registry.ts lists, from its `lazyModule('<plugin>', …)` entries. */
function registeredPlugins() {
  return [...readFileSync(registry, 'utf8').matchAll(/lazyModule\(\s*'([a-z_]+)'/g)].map((m) => m[1]);
}

/** The entry script (or the chunk `start`) and every chunk it reaches through static imports. */
function staticallyLoaded(start = null) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = start ?? /<script type="module"[^>]*src="\.\/assets\/([^"]+)"/.exec(html)?.[1];
  assert.ok(entry, 'index.html has a module script');
  const seen = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, 'assets', file), 'utf8');
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.matchAll(/import\s*(?:[\w${}\s,*]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]);
  }
  return { entry, files: [...seen] };
}

test('the built frontend exists', () => {
  assert.ok(dist, 'TBX_FRONTEND_DIST is not set (run the test through ctest)');
  assert.ok(existsSync(join(dist, 'index.html')), `${dist}/index.html`);
});

test('each registered dashboard is a chunk of its own', () => {
  const plugins = registeredPlugins();
  assert.ok(plugins.length >= 14, `registry lists ${plugins}`);
  const chunks = readdirSync(join(dist, 'assets'));
  for (const plugin of plugins) {
    assert.ok(chunks.some((f) => f.startsWith(`dashboard-${plugin}-`) && f.endsWith('.js')), `no chunk for ${plugin}`);
  }
});

test('the first script reaches no dashboard, chart or sanitizer code', () => {
  const { entry, files } = staticallyLoaded();
  assert.deepEqual(files.filter((f) => /^dashboards?-/.test(f)), [], 'dashboard chunks imported statically');
  for (const file of files) {
    const code = readFileSync(join(dist, 'assets', file), 'utf8');
    // Strings each library keeps when minified: uPlot's class names, DOMPurify's option names,
    // three.js's log prefix.
    for (const marker of ['u-over', 'ALLOWED_TAGS', 'THREE.']) {
      assert.ok(!code.includes(marker), `${file} (reached from ${entry}) contains "${marker}"`);
    }
  }
  const bytes = files.reduce((sum, f) => sum + readFileSync(join(dist, 'assets', f)).length, 0);
  // The shell is ~40 KB minified; the old all-in-one first script was 215 KB.
  assert.ok(bytes < 80 * 1024, `first script and its static imports: ${bytes} B`);
});

test("the Scalars tab's code reaches no uPlot before its charts are drawn", () => {
  // The charts draw their lines and axes themselves and import uPlot (the cursor, box zoom) once
  // they are drawn (plugins/scalars/uplot_module.ts): its evaluation is not on the first screen's path.
  const chunk = readdirSync(join(dist, 'assets')).find((f) => /^dashboard-scalars-.*\.js$/.test(f));
  assert.ok(chunk, 'no Scalars chunk');
  const { files } = staticallyLoaded(chunk);
  // The class the chart gives uPlot's element: its code is on this path.
  assert.ok(files.some((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes('chart-interaction')), `the chart's code is among ${files}`);
  for (const file of [...files, ...staticallyLoaded().files]) {
    assert.ok(!readFileSync(join(dist, 'assets', file), 'utf8').includes('u-over'), `${file} (reached from ${chunk}) contains uPlot`);
  }
  // Nor does index.html preload it with the tab's code.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const preload = JSON.parse(/window\.__tbxPreload = (\{.*?\});/.exec(html)?.[1] ?? 'null');
  assert.ok(preload?.scalars?.length > 0, 'index.html lists the Scalars code to preload');
  assert.deepEqual(preload.scalars.filter((f) => /uPlot/i.test(f)), [], 'uPlot preloaded with the Scalars tab');
});

test("a preloaded tab's code is two files of ours with their style sheets, and no other tab's libraries", () => {
  // vite.config.ts's chunkByDashboard: the dashboard's chunk and the code dashboards share (the
  // browser fetches 6 files at a time per server; the Scalars tab's 14 files waited behind its
  // first screen's answers). Each file in index.html's preload list exists.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const preload = JSON.parse(/window\.__tbxPreload = (\{.*?\});/.exec(html)?.[1] ?? 'null');
  for (const [tab, files] of Object.entries(preload)) {
    for (const file of files) assert.ok(existsSync(join(dist, file)), `${tab}: ${file} is missing`);
    const ours = files.filter((f) => f.endsWith('.js') && !/\/lib-/.test(f));
    // The chunks' style sheets (the import waits for them) after the code.
    const sheets = files.filter((f) => f.endsWith('.css'));
    assert.deepEqual(files.slice(files.length - sheets.length), sheets, `${tab}: ${files}`);
    assert.ok(ours.length <= 2, `the ${tab} tab preloads ${ours.length} files of ours: ${ours}`);
    assert.ok(ours.some((f) => f.includes(`/dashboard-${tab}-`)), `the ${tab} tab's own chunk is not among ${files}`);
  }
  assert.deepEqual(preload.scalars.filter((f) => /\/lib-/.test(f)), [], 'the Scalars tab preloads a library');
  assert.deepEqual(preload.graphs.filter((f) => /three|uplot/i.test(f)), [], 'the Graphs tab preloads another tab\'s library');
});
