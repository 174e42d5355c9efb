import { describe, expect, it } from 'vitest';
import { filteredRuns, fuzzyMatch, selectOnly, selectedRuns } from '../src/state/run_selection';

describe('fuzzy run matching', () => {
  it('matches the letters in order, ignoring case and spaces', () => {
    expect(fuzzyMatch('rn12', 'run_12')).toBe(true);
    expect(fuzzyMatch('LR3 adam', 'lr=3e-4,opt=adam')).toBe(true);
    expect(fuzzyMatch('', 'anything')).toBe(true);
  });

  it('rejects letters out of order or missing', () => {
    expect(fuzzyMatch('21nr', 'run_12')).toBe(false);
    expect(fuzzyMatch('runx', 'run_12')).toBe(false);
    expect(fuzzyMatch('run_123', 'run_12')).toBe(false);
  });
});

describe('filtered runs', () => {
  const runs = ['sweep/lr=0.1/seed=1', 'sweep/lr=0.01/seed=2', 'baseline', 'sweep/lr=0.1/seed=3'];

  it('filters by regex, or by fuzzy pattern, keeping server order', () => {
    expect(filteredRuns(runs, 'lr=0\\.1/')).toEqual([runs[0], runs[3]]);
    expect(filteredRuns(runs, 'lr01s3', true)).toEqual([runs[3]]);
    expect(filteredRuns(runs, 'lr01s', true)).toEqual([runs[0], runs[1], runs[3]]);
    // A string that is an invalid regex is a valid fuzzy pattern.
    expect(filteredRuns(runs, 'bl(', false)).toEqual(runs);
    expect(filteredRuns(runs, 'bl(', true)).toEqual([]);
  });

  it('draws only fuzzy-matching runs that are on', () => {
    expect(selectedRuns(runs, { runFilter: 'seed', runFuzzy: true, deselected: [runs[1]] })).toEqual([runs[0], runs[3]]);
  });

  it('selects by filter: the listed runs on, every other off', () => {
    const listed = filteredRuns(runs, 'seed=[13]');
    const off = selectOnly(runs, listed);
    expect(off).toEqual([runs[1], runs[2]]);
    expect(selectedRuns(runs, { runFilter: '', deselected: off })).toEqual([runs[0], runs[3]]);
  });

  // Speed at this size is measured by a benchmark (bench_hparams.mjs, 10,000 runs), not a timed
  // unit test: this checks the answers at 10,000 runs.
  it('filters 10,000 runs by regex and fuzzily', () => {
    const many = Array.from({ length: 10000 }, (_, i) => `sweep/lr=${(i % 7) / 10}/seed=${i}`);
    const regex = filteredRuns(many, 'seed=9\\d\\d$');
    const fuzzy = filteredRuns(many, 'lr05s99', true);
    expect(regex.length).toBe(100); // seed=900 … seed=999
    expect(fuzzy.length).toBeGreaterThan(0);
    expect(fuzzy.every((r) => r.includes('lr=0.5') && /seed=\d*9\d*9/.test(r))).toBe(true);
  });
});
