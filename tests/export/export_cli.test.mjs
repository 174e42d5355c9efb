// The `tbx export` command line: every bad input is one clear line on stderr and a non-zero exit,
// nothing is written then, and exporting again over a previous export replaces it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const binary = process.env.TBX_BINARY;
const tool = process.env.TBX_DASHBOARDS_LOGDIR_TOOL;
let work;
let logdir;

before(() => {
  assert.ok(binary && tool, 'TBX_BINARY and TBX_DASHBOARDS_LOGDIR_TOOL must be set (run through ctest)');
  work = mkdtempSync(join(tmpdir(), 'tbx-export-cli-'));
  logdir = join(work, 'logs');
  execFileSync(tool, ['fixture', logdir], { stdio: 'ignore' });
});
after(() => work && rmSync(work, { recursive: true, force: true }));

function tbxExport(...args) {
  const r = spawnSync(binary, ['export', ...args], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** Asserts a usage error: exit 2, one line on stderr matching `pattern`. */
function assertError(result, status, pattern) {
  assert.equal(result.status, status, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], /^tbx export: error: /);
  assert.match(lines[0], pattern);
}

test('--help prints the usage and exits 0', () => {
  const r = tbxExport('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: tbx export --logdir PATH --out FOLDER/);
});

test('a missing --logdir or --out is a usage error', () => {
  assertError(tbxExport(`--out=${join(work, 'a')}`), 2, /--logdir is required/);
  assertError(tbxExport(`--logdir=${logdir}`), 2, /--out is required/);
  assertError(tbxExport(`--logdir=${logdir}`, '--out'), 2, /--out needs a value/);
});

test('an unknown flag or a stray argument is a usage error', () => {
  assertError(tbxExport(`--logdir=${logdir}`, `--out=${join(work, 'b')}`, '--port=6006'), 2, /unknown flag --port/);
  assertError(tbxExport(`--logdir=${logdir}`, 'site'), 2, /unexpected argument 'site'/);
});

test('a logdir that does not exist fails, naming it, and writes nothing', () => {
  const out = join(work, 'never');
  const r = tbxExport(`--logdir=${join(work, 'no-such-dir')}`, `--out=${out}`);
  assertError(r, 1, /no-such-dir/);
  assert.equal(existsSync(out), false);
});

test('a bad --runs or --tags regex is a usage error naming the flag', () => {
  assertError(tbxExport(`--logdir=${logdir}`, `--out=${join(work, 'c')}`, '--runs=train('), 2, /--runs 'train\(' is not a valid regular expression/);
  assertError(tbxExport(`--logdir=${logdir}`, `--out=${join(work, 'c')}`, '--tags=[a-'), 2, /--tags '\[a-' is not a valid regular expression/);
  assert.equal(existsSync(join(work, 'c')), false);
});

test('--out that is a file, or a non-empty folder holding no export, is refused untouched', () => {
  const file = join(work, 'file.txt');
  writeFileSync(file, 'keep');
  assertError(tbxExport(`--logdir=${logdir}`, `--out=${file}`), 2, /is a file, not a folder/);
  const folder = join(work, 'thesis');
  mkdirSync(folder);
  writeFileSync(join(folder, 'chapter1.tex'), 'keep');
  assertError(tbxExport(`--logdir=${logdir}`, `--out=${folder}`), 2, /not empty and holds no tbx export/);
  assert.deepEqual(readdirSync(folder), ['chapter1.tex']);
});

test('exporting again over an export replaces its files and keeps files added beside them', () => {
  const out = join(work, 'site');
  assert.equal(tbxExport(`--logdir=${logdir}`, `--out=${out}`).status, 0);
  const all = readdirSync(join(out, 'data')).length;
  writeFileSync(join(out, 'CNAME'), 'example.org');
  const r = tbxExport(`--logdir=${logdir}`, `--out=${out}`, '--tags=^progress$');
  assert.equal(r.status, 0, r.stderr);
  const fewer = readdirSync(join(out, 'data')).length;
  assert.ok(fewer < all, `the second, filtered export left ${fewer} of ${all} data files`);
  assert.ok(existsSync(join(out, 'CNAME')));
  assert.ok(existsSync(join(out, 'index.html')));
});
