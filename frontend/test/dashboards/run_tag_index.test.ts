import { describe, expect, it } from 'vitest';
import { cardsByTag, toRunTagIndex } from '../../src/charts/run_tag_index';
import { imageFilter } from '../../src/plugins/images/image_settings';
import { decodeViewState, encodeViewState, DEFAULT_VIEW } from '../../src/state/view_state';

describe('run/tag listings', () => {
  it('normalises dict and list answers', () => {
    const index = toRunTagIndex({
      a: { 'img/x': { displayName: 'img/x', description: '', samples: 3 } } as never,
      b: ['notes/text_summary'],
    });
    expect(index).toEqual({
      a: { 'img/x': { description: '', samples: 3 } },
      b: { 'notes/text_summary': { description: '', samples: 1 } },
    });
  });

  it('lists one card per selected run having the tag, in run order', () => {
    const index = toRunTagIndex({ a: ['t', 'u'], b: ['t'], c: ['t'] });
    const cards = cardsByTag(index, ['c', 'a']);
    expect(cards.get('t')!.map((card) => card.run)).toEqual(['c', 'a']);
    expect(cards.get('u')!.map((card) => card.run)).toEqual(['a']);
    expect(cards.has('v')).toBe(false);
  });
});

describe('image filter', () => {
  it('is none at the defaults and CSS filters otherwise', () => {
    expect(imageFilter({ brightness: 1, contrast: 1 })).toBe('none');
    expect(imageFilter({ brightness: 1.5, contrast: 0.8 })).toBe('brightness(1.5) contrast(0.8)');
  });
});

describe('histogram mode in the URL', () => {
  it('is written only when not the default and read back', () => {
    expect(encodeViewState({ ...DEFAULT_VIEW, histogramMode: 'overlay' })).toBe('histograms=overlay');
    expect(decodeViewState('#histograms=overlay').histogramMode).toBe('overlay');
    expect(decodeViewState('#histograms=sideways').histogramMode).toBe('offset');
  });
});
