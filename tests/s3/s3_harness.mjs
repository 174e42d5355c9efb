// Helpers for tbx's s3:// tests: a real S3 server (s3rver) on a loopback port with its own
// directory, uploads of a local logdir into it, and tbx started on an s3:// logdir with the
// endpoint and credentials in its environment. s3rver's fixed credentials are S3RVER/S3RVER.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

import { freePort } from '../notebook/nginx.mjs';

const require = createRequire(import.meta.url);

export const env = {
  binary: () => need('TBX_BINARY'),
  logdirTool: () => need('TBX_LOGDIR_TOOL'),
  dashboardsTool: () => need('TBX_DASHBOARDS_LOGDIR_TOOL'),
};

function need(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run through ctest -R s3)`);
  return value;
}

export { freePort };

/** Starts s3rver on 127.0.0.1:port serving `directory` with the given buckets; counts requests. */
export async function startS3(directory, { port = 0, buckets = ['tbx'] } = {}) {
  const S3rver = require('s3rver');
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    resetOnClose: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = await server.run();
  const handle = {
    port: address.port,
    endpoint: `http://127.0.0.1:${address.port}`,
    requests: 0,
    requestLog: [],
    close: () => server.close(),
  };
  server.httpServer.on('request', (req) => {
    handle.requests += 1;
    handle.requestLog.push(`${req.method} ${req.url}`);
  });
  return handle;
}

/** PUTs one object (anonymously: s3rver accepts unsigned requests). */
export async function putObject(s3, bucket, key, body) {
  const encoded = key.split('/').map(encodeURIComponent).join('/');
  const response = await fetch(`${s3.endpoint}/${bucket}/${encoded}`, { method: 'PUT', body });
  if (!response.ok) throw new Error(`PUT ${key}: ${response.status} ${await response.text()}`);
}

/** Uploads every file under `dir` to s3://bucket/prefix/<relative path>; returns the keys. */
export async function uploadDir(s3, dir, bucket, prefix) {
  const keys = [];
  const walk = async (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        await walk(path);
      } else {
        const key = `${prefix}/${relative(dir, path)}`;
        await putObject(s3, bucket, key, readFileSync(path));
        keys.push(key);
      }
    }
  };
  await walk(dir);
  return keys;
}

export const S3RVER_KEYS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

/** tbx's environment for `s3`: the endpoint, a region, and (unless overridden) s3rver's keys. */
export function s3Env(s3, extra = {}) {
  const base = { ...process.env };
  for (const name of Object.keys(base)) {
    if (name.startsWith('AWS_') || name === 'S3_ENDPOINT') delete base[name];
  }
  return { ...base, HOME: '/nonexistent', S3_ENDPOINT: s3.endpoint, AWS_REGION: 'us-east-1',
           ...S3RVER_KEYS, ...extra };
}

/** Runs tbx to completion (for start-up failures); resolves {code, stderr}. */
export function runTbx(args, childEnv, timeoutMs = 60000) {
  return new Promise((resolve) => {
    const child = spawn(env.binary(), args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** Starts tbx serving `logdir` and waits until /data/runs lists exactly `expectRuns`. */
export async function startTbx(logdir, childEnv, { expectRuns = [], extraArgs = [] } = {}) {
  const port = await freePort();
  const args = [...(logdir ? [`--logdir=${logdir}`] : []), `--port=${port}`, '--host=127.0.0.1', ...extraArgs];
  const child = spawn(env.binary(), args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  const tbx = { child, url, port, output: () => output, stop: () => stopChild(child) };
  const want = JSON.stringify([...expectRuns].sort());
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`tbx exited ${child.exitCode}: ${output}`);
    const runs = await getJson(tbx, 'data/runs').catch(() => null);
    return runs !== null && JSON.stringify([...runs].sort()) === want;
  }, 60000, () => `tbx did not serve ${want}: ${output}`);
  return tbx;
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function getJson(tbx, path) {
  const response = await fetch(tbx.url + path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function getBytes(tbx, path) {
  const response = await fetch(tbx.url + path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Polls `check` every 100 ms until it returns true or `timeoutMs` passes. */
export async function waitFor(check, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
      if (String(e.message).startsWith('tbx exited')) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${typeof message === 'function' ? message() : message}${last ? ` (${last.message})` : ''}`);
}
