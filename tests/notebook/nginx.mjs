// A private nginx for the proxy tests: its own prefix folder, config, logs and temp files under a
// fresh temporary directory, on a free port of 127.0.0.1, in the foreground (no root-owned global
// config or log is touched). Mimics jupyter-server-proxy with the location blocks a test gives.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

/** Exits the test file with 77 (skipped) and a message when nginx is not installed. */
export function requireNginx() {
  if (!NGINX) {
    console.log('SKIP: nginx is not installed (apt-get install nginx; scripts/install-deps.sh does)');
    process.exit(77);
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The location blocks of jupyter-server-proxy for a server on `port`: /proxy/<port>/ strips the
 * prefix (and /proxy/<port> without the slash reaches the server's "/"), /proxy/absolute/<port>/
 * keeps it. The browser's Host header is forwarded, as jupyter-server-proxy does.
 */
export function serverProxyLocations(port) {
  const common = `proxy_http_version 1.1; proxy_set_header Host $http_host; proxy_buffering off;`;
  return `
    location /proxy/${port}/ { proxy_pass http://127.0.0.1:${port}/; ${common} }
    location = /proxy/${port} { proxy_pass http://127.0.0.1:${port}/; ${common} }
    location /proxy/absolute/${port} { proxy_pass http://127.0.0.1:${port}; ${common} }`;
}

/** Starts nginx with `locations` inside its server block; returns { port, url, stop() }. */
export async function startNginx(locations) {
  const dir = mkdtempSync(join(tmpdir(), 'tbx-nginx-'));
  const port = await freePort();
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const config = `
${user}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:${port};
    ${locations}
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  const args = ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')];
  const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx rejected its config:\n${check.stderr}\n${config}`);
  const child = spawn(NGINX, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited with ${child.exitCode}:\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    }
    try {
      await fetch(url + '/');
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('nginx did not listen within 10 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    url,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.on('exit', done);
        child.kill('SIGQUIT');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
