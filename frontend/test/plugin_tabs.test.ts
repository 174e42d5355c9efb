import { describe, expect, it } from 'vitest';
import { resolveActiveTab } from '../src/shell/PluginTabs';
import { compareNames } from '../src/shell/name_order';
import { groupTags } from '../src/shell/TagGroups';
import { selectedRuns, toggleAll } from '../src/state/run_selection';

const listing = {
  scalars_first: { tab_name: 'listed before Time Series', enabled: true },
  timeseries: { tab_name: 'Time Series', enabled: true },
  scalars: { tab_name: 'scalars', enabled: true },
  images: { tab_name: 'images', enabled: false },
};

describe('resolveActiveTab', () => {
  it('keeps a requested tab, else opens the first enabled one with a dashboard', () => {
    const has = (p: string) => p === 'scalars';
    expect(resolveActiveTab(listing, 'images', has)).toBe('images');
    expect(resolveActiveTab(listing, '', has)).toBe('scalars');
    expect(resolveActiveTab(listing, 'nope', () => false)).toBe('scalars_first');
    expect(resolveActiveTab(listing, '', () => true)).toBe('timeseries');
    expect(resolveActiveTab({ ...listing, timeseries: { tab_name: 'Time Series', enabled: false } }, '', () => true)).toBe(
      'scalars_first',
    );
    expect(resolveActiveTab({}, '', has)).toBe('');
  });
});

describe('groupTags', () => {
  it('groups by the first path segment, groups sorted, tag order kept', () => {
    expect(groupTags(['loss/val', 'lr', 'loss/train', 'acc/top1'])).toEqual([
      { name: 'acc', tags: ['acc/top1'] },
      { name: 'loss', tags: ['loss/val', 'loss/train'] },
      { name: 'lr', tags: ['lr'] },
    ]);
  });
});

describe('compareNames', () => {
  it('compares digit runs as numbers', () => {
    expect(['m_12', 'm_4', 'm_100', 'a'].sort(compareNames)).toEqual(['a', 'm_4', 'm_12', 'm_100']);
  });
});

describe('run selection', () => {
  it('shows runs matching the filter that are not switched off', () => {
    const runs = ['train', 'eval', 'train_2'];
    expect(selectedRuns(runs, { runFilter: 'train', deselected: ['train_2'] })).toEqual(['train']);
    expect(selectedRuns(runs, { runFilter: '(', deselected: [] })).toEqual(runs);
  });

  it('toggles all listed runs off when all are on, else all on', () => {
    expect(toggleAll(['a', 'b'], []).sort()).toEqual(['a', 'b']);
    expect(toggleAll(['a', 'b'], ['a', 'c'])).toEqual(['c']);
  });
});
