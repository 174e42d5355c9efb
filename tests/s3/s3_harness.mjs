// Helpers for tbx's s3:// tests: a real S3 server (s3rver) on a loopback port with its own
// directory, uploads of a local logdir into it, and tbx started on an s3:// logdir with the
// endpoint and credentials in its environment. s3rver's fixed credentials are S3RVER/S3RVER.
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
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

/**
 * Starts s3rver on 127.0.0.1:port serving `directory` with the given buckets; counts requests.
 * s3rver checks only the access key id of a SigV4 request, so requests that carry an
 * Authorization header are checked here first (see verifySigV4) and refused with 403
 * SignatureDoesNotMatch, as S3 does, when the signature is not the one their secret gives.
 */
export async function startS3(directory, { port = 0, buckets = ['tbx'] } = {}) {
  const S3rver = require('s3rver');
  const server = new S3rver({
    silent: true,
    directory,
    resetOnClose: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await server.configureBuckets();
  const app = server.callback();
  const handle = { port: 0, endpoint: '', requests: 0, requestLog: [], authorizations: [], badSignatures: 0 };
  const http = createHttpServer((req, res) => {
    handle.requests += 1;
    handle.requestLog.push(`${req.method} ${req.url}`);
    handle.authorizations.push(req.headers.authorization ?? '');
    if (req.headers.authorization && !verifySigV4(req, S3RVER_KEYS.AWS_SECRET_ACCESS_KEY)) {
      handle.badSignatures += 1;
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code>' +
              '<Message>The request signature we calculated does not match the signature you ' +
              'provided.</Message></Error>');
      return;
    }
    app(req, res);
  });
  const sockets = new Set();
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  handle.port = http.address().port;
  handle.endpoint = `http://127.0.0.1:${handle.port}`;
  // Closing also drops kept-alive connections, as a server going away does.
  handle.close = () => new Promise((resolve) => {
    http.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
  return handle;
}

// RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone).
function sigv4Encode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Recomputes a request's SigV4 signature with `secret`, independently of tbx's signer. */
export function verifySigV4(req, secret) {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/
    .exec(req.headers.authorization);
  if (!m) return false;
  const [, , date, region, service, signedHeaders, signature] = m;
  const [path, rawQuery = ''] = req.url.split('?');
  const query = rawQuery === '' ? [] : rawQuery.split('&').map((pair) => {
    const [k, v = ''] = pair.split('=');
    return [sigv4Encode(decodeURIComponent(k)), sigv4Encode(decodeURIComponent(v))];
  });
  query.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  const names = signedHeaders.split(';');
  const canonical = [
    req.method, path, query.map(([k, v]) => `${k}=${v}`).join('&'),
    ...names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}`),
    '', signedHeaders, req.headers['x-amz-content-sha256'] ?? '',
  ].join('\n');
  const amzDate = req.headers['x-amz-date'] ?? '';
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope,
                  createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key = `AWS4${secret}`;
  for (const part of [date, region, service, 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
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
export async function startTbx(logdir, childEnv, { expectRuns = [], extraArgs = [], wrap = [] } = {}) {
  const port = await freePort();
  const args = [...(logdir ? [`--logdir=${logdir}`] : []), `--port=${port}`, '--host=127.0.0.1', ...extraArgs];
  // `wrap`: a command line that runs tbx as its last arguments (e.g. in a namespace).
  const [program, ...programArgs] = [...wrap, env.binary(), ...args];
  const child = spawn(program, programArgs, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
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
