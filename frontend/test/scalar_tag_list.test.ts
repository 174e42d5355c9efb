import { describe, expect, it } from 'vitest';
import { tagListOf } from '../src/api/client';
import type { ScalarTagList } from '../src/api/types';
import { tagsOfRuns } from '../src/plugins/scalars/tag_list';

const list: ScalarTagList = {
  runs: ['a', 'b', 'c'],
  tags: [
    { tag: 'loss', displayName: '', description: '<p>Loss <em>per step</em></p>', runs: null },
    { tag: 'acc', displayName: '', description: '', runs: [2, 0] },
    { tag: 'lr', displayName: '', description: '', runs: [1] },
  ],
};

describe('the Scalars cards from the compact tag list', () => {
  it('gives each tag its selected runs in the app\'s order, and whether that is all of them', () => {
    // The app lists runs in its own order, with a run that has no scalars.
    const cards = tagsOfRuns(list, ['c', 'images_only', 'b', 'a'], ['c', 'a']);
    expect([...cards.keys()]).toEqual(['loss', 'acc']);
    expect(cards.get('loss')).toEqual({ runs: ['c', 'a'], allRuns: false, description: 'Loss per step' });
    expect(cards.get('acc')).toEqual({ runs: ['c', 'a'], allRuns: true, description: '' });
    // lr: its only run is not selected, so no card.
    expect(cards.has('lr')).toBe(false);
  });

  it('has no cards before the listing', () => {
    expect(tagsOfRuns(null, ['a'], ['a']).size).toBe(0);
    expect(tagsOfRuns({ runs: [], tags: [] }, ['a'], ['a']).size).toBe(0);
  });
});

describe('the compact form of TensorBoard\'s listing (static exports)', () => {
  it('names each tag once with its runs, null when every run has it', () => {
    const meta = { displayName: '', description: '' };
    expect(
      tagListOf({ train: { loss: { ...meta, description: '<p>x</p>' }, acc: meta }, eval: { loss: meta } }),
    ).toEqual({
      runs: ['train', 'eval'],
      tags: [
        { tag: 'loss', displayName: '', description: '<p>x</p>', runs: null },
        { tag: 'acc', displayName: '', description: '', runs: [0] },
      ],
    });
    expect(tagListOf({})).toEqual({ runs: [], tags: [] });
  });
});
