// tbx behind a jupyter-server-proxy-like nginx: the prefix-stripping path /proxy/<port>/, the
// prefix-keeping path /proxy/absolute/<port>/ with --path_prefix, both also without the trailing
// slash, and POSTs through the proxy. Skipped (77) when nginx is not installed.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import {
  FIXTURE_RUNS as RUNS,
  fixtureLogdir,
  launchBrowser,
  newPage,
  runColors,
  screenshot,
  startTbx,
  waitForChart,
} from '../browser/harness.mjs';
import { freePort, requireNginx, serverProxyLocations, startNginx } from './nginx.mjs';

requireNginx();

let logdir;
let stripped;
let absolute;
let nginx;
let browser;

function portOf(server) {
  return new URL(server.url).port;
}

before(async () => {
  logdir = fixtureLogdir();
  stripped = await startTbx(logdir.dir, { expectRuns: RUNS });
  // --path_prefix names the proxy path, which holds the port.
  const port = await freePort();
  absolute = await startTbx(logdir.dir, { expectRuns: RUNS, pathPrefix: `/proxy/absolute/${port}`, port });
  nginx = await startNginx(serverProxyLocations(portOf(stripped)) + serverProxyLocations(port));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  await stripped?.stop();
  await absolute?.stop();
  logdir?.cleanup();
});

const paths = () => [
  `/proxy/${portOf(stripped)}/`,
  `/proxy/${portOf(stripped)}`,
  `/proxy/absolute/${portOf(absolute)}/`,
  `/proxy/absolute/${portOf(absolute)}`,
];

test('the Scalars dashboard works through every proxy path, with or without the slash', async () => {
  for (const path of paths()) {
    const errors = [];
    const failed = [];
    const page = await newPage(browser, errors);
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(nginx.url + path);
    await waitForChart(page, 'loss/total');
    // The page ended up at the directory form, so its relative URLs stay under the proxy path.
    assert.equal(new URL(page.url()).pathname, path.endsWith('/') ? path : `${path}/`);
    const colors = await runColors(page);
    assert.deepEqual(Object.keys(colors).sort(), RUNS, path);
    assert.equal(new Set(Object.values(colors)).size, RUNS.length, `${path}: run colours must differ`);
    // Without the slash, the browser's preload scanner may already have asked for the first
    // page's assets one directory too high before its first script moved to the directory form;
    // those answers are discarded. Nothing else may fail.
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const stray = (url) => !path.endsWith('/') && new URL(url).pathname.startsWith(`${dir}assets/`);
    assert.deepEqual(failed.filter((line) => !stray(line.split(' ')[1])), [], path);
    assert.deepEqual(errors, [], path);
    if (path === paths()[1]) await screenshot(page, 'proxy_stripped_no_slash');
    await page.context().close();
  }
});

test('POSTs go through the proxy', async () => {
  const page = await newPage(browser);
  for (const path of [paths()[0], paths()[2]]) {
    await page.goto(nginx.url + path);
    await waitForChart(page, 'loss/total');
    const answer = await page.evaluate(async () => {
      const body = new URLSearchParams([['tag', 'loss/total'], ['runs', 'train'], ['runs', 'eval']]);
      const response = await fetch('data/plugin/scalars/scalars_multirun', { method: 'POST', body });
      return { status: response.status, json: await response.json() };
    });
    assert.equal(answer.status, 200, path);
    assert.deepEqual(Object.keys(answer.json).sort(), ['eval', 'train'], path);
    assert.ok(answer.json.train.length > 0, path);
  }
  await page.context().close();
});

test('a foreign Host forwarded by the proxy is refused, naming --allowed_host', async () => {
  // What a notebook server reached by another name (a remote JupyterHub) forwards.
  const answer = await new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port: nginx.port, path: `/proxy/${portOf(stripped)}/data/runs`, headers: { Host: 'hub.example' } },
      (response) => {
        let body = '';
        response.on('data', (d) => (body += d));
        response.on('end', () => resolve({ status: response.statusCode, body }));
      },
    );
    request.on('error', reject);
  });
  assert.equal(answer.status, 403);
  assert.match(JSON.parse(answer.body).error, /--allowed_host hub\.example/);
});
