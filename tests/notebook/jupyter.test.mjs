// A real Jupyter notebook server (Debian's jupyter-notebook) in chromium: a notebook runs
// `%load_ext tbx_notebook` and `%tbx --logdir ...`, and the iframe it shows holds the Scalars
// dashboard with its run colours; the same through a prefix-stripping proxy path of a
// jupyter-server-proxy-like nginx (the notebook itself also served through nginx, TBX_PROXY_URL
// set). Skipped (77) when Jupyter or nginx is missing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FIXTURE_RUNS as RUNS, fixtureLogdir, launchBrowser, newPage, runColors, screenshot, waitForChart } from '../browser/harness.mjs';
import { freePort, requireNginx, serverProxyLocations, startNginx } from './nginx.mjs';

const JUPYTER = '/usr/bin/jupyter';
if (!existsSync(JUPYTER) || !existsSync('/usr/lib/python3/dist-packages/notebook')) {
  console.log('SKIP: Debian\'s Jupyter is not installed (apt-get install jupyter-notebook; scripts/install-deps.sh does)');
  process.exit(77);
}
requireNginx();

const TOKEN = 'notebook-test-token';
const TBX_TOKEN = 'tbx-iframe-token';
let home;
let logdir;
let jupyter;
let jupyterPort;
let nginx;
let browser;
const tbxPorts = {};

function writeNotebook(name, sources) {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: sources.map((source, i) => ({
      id: `cell${i}`,
      cell_type: 'code',
      metadata: {},
      execution_count: null,
      outputs: [],
      source,
    })),
  };
  writeFileSync(join(home, 'notebooks', name), JSON.stringify(notebook));
}

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'tbx-jupyter-'));
  for (const dir of ['notebooks', 'tmp', 'config', 'data', 'runtime', 'ipython']) mkdirSync(join(home, dir));
  logdir = fixtureLogdir();
  tbxPorts.direct = await freePort();
  tbxPorts.proxied = await freePort();
  tbxPorts.token = await freePort();
  writeFileSync(join(home, 'tbx-token'), `${TBX_TOKEN}\n`);
  writeNotebook('direct.ipynb', ['%load_ext tbx_notebook', `%tbx --logdir ${logdir.dir} --port ${tbxPorts.direct}`]);
  writeNotebook('proxied.ipynb', [
    "import os\nos.environ['TBX_PROXY_URL'] = '/proxy/%PORT%/'",
    '%load_ext tbx_notebook',
    `%tbx --logdir ${logdir.dir} --port ${tbxPorts.proxied}`,
  ]);
  writeNotebook('token.ipynb', [
    '%load_ext tbx_notebook',
    `%tbx --logdir ${logdir.dir} --port ${tbxPorts.token} --token_file ${join(home, 'tbx-token')}`,
  ]);
  jupyterPort = await freePort();
  const env = {
    ...process.env,
    PYTHONPATH: process.env.TBX_NOTEBOOK_DIR,
    TMPDIR: join(home, 'tmp'),
    JUPYTER_CONFIG_DIR: join(home, 'config'),
    JUPYTER_DATA_DIR: join(home, 'data'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    IPYTHONDIR: join(home, 'ipython'),
    // Debian's Jupyter, not whichever python3 is first on PATH.
    PATH: `/usr/bin:${process.env.PATH}`,
  };
  delete env.TBX_PROXY_URL;
  delete env.TENSORBOARD_PROXY_URL;
  let output = '';
  jupyter = spawn(
    JUPYTER,
    ['notebook', '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${jupyterPort}`,
      `--NotebookApp.token=${TOKEN}`, `--notebook-dir=${join(home, 'notebooks')}`],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  jupyter.stdout.on('data', (d) => (output += d));
  jupyter.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 60000;
  for (;;) {
    if (jupyter.exitCode !== null) throw new Error(`jupyter exited with ${jupyter.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${jupyterPort}/api?token=${TOKEN}`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`jupyter did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const jupyterLocation = `
    location / {
      proxy_pass http://127.0.0.1:${jupyterPort};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 300s;
    }`;
  nginx = await startNginx(jupyterLocation + serverProxyLocations(tbxPorts.proxied));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  // The servers %tbx started: each named by its instance file.
  const infoDir = join(home, 'tmp', '.tensorboard-info');
  if (existsSync(infoDir)) {
    for (const name of readdirSync(infoDir)) {
      try {
        process.kill(JSON.parse(readFileSync(join(infoDir, name), 'utf8')).pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
  if (jupyter && jupyter.exitCode === null) {
    await new Promise((resolve) => {
      jupyter.on('exit', resolve);
      jupyter.kill('SIGTERM');
      setTimeout(() => jupyter.kill('SIGKILL'), 5000).unref();
    });
  }
  logdir?.cleanup();
  rmSync(home, { recursive: true, force: true });
});

/** Opens `url` (a notebook), runs every cell, and returns the page and the tbx iframe's frame. */
async function runNotebook(url, errors) {
  const page = await newPage(browser, errors);
  await page.goto(url);
  await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 60000 });
  await page.evaluate(() => window.Jupyter.notebook.execute_all_cells());
  const iframe = await page.waitForSelector('iframe[id^="tensorboard-frame-"]', { timeout: 120000 });
  await page.waitForFunction((el) => el.src !== '', iframe);
  const frame = await iframe.contentFrame();
  try {
    // The first card: the app draws cards as they scroll into the iframe's view.
    await waitForChart(frame, 'accuracy/top1');
  } catch (error) {
    await screenshot(page, 'notebook_failure');
    throw error;
  }
  return { page, iframe, frame };
}

async function checkRunColours(frame) {
  const colors = await runColors(frame);
  assert.deepEqual(Object.keys(colors).sort(), RUNS);
  assert.equal(new Set(Object.values(colors)).size, RUNS.length, `run colours must differ: ${Object.values(colors)}`);
}

test('a notebook cell running %tbx shows the Scalars dashboard in its iframe', async () => {
  const { page, iframe, frame } = await runNotebook(
    `http://127.0.0.1:${jupyterPort}/notebooks/direct.ipynb?token=${TOKEN}`,
    [],
  );
  // The notebook page's host with tbx's port.
  const src = new URL(await iframe.getAttribute('src'));
  assert.equal(src.hostname, '127.0.0.1');
  assert.equal(src.port, String(tbxPorts.direct));
  await checkRunColours(frame);
  await iframe.scrollIntoViewIfNeeded();
  await screenshot(page, 'notebook_tbx_iframe');
  await page.context().close();
});

test('the same through the prefix-stripping proxy path', async () => {
  const { page, iframe, frame } = await runNotebook(
    `${nginx.url}/notebooks/proxied.ipynb?token=${TOKEN}`,
    [],
  );
  const src = new URL(await iframe.getAttribute('src'));
  assert.equal(src.origin, nginx.url);
  assert.equal(src.pathname, `/proxy/${tbxPorts.proxied}/`);
  await checkRunColours(frame);
  await iframe.scrollIntoViewIfNeeded();
  await screenshot(page, 'notebook_tbx_iframe_proxied');
  await page.context().close();
});

test('a tbx that needs a token: the iframe brings it, gets the cookie and loses it from its URL', async () => {
  const { page, iframe, frame } = await runNotebook(
    `http://127.0.0.1:${jupyterPort}/notebooks/token.ipynb?token=${TOKEN}`,
    [],
  );
  const src = new URL(await iframe.getAttribute('src'));
  assert.equal(src.port, String(tbxPorts.token));
  assert.equal(src.searchParams.get('token'), TBX_TOKEN);
  // tbx redirected the iframe to the URL without the token; the dashboard's API calls pass with the cookie.
  const shown = new URL(frame.url());
  assert.equal(shown.port, String(tbxPorts.token));
  assert.equal(shown.searchParams.get('token'), null);
  assert.equal((await fetch(`http://127.0.0.1:${tbxPorts.token}/data/runs`)).status, 401);
  await checkRunColours(frame);
  await iframe.scrollIntoViewIfNeeded();
  await screenshot(page, 'notebook_tbx_iframe_token');
  await page.context().close();
});
