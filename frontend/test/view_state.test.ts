import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  compileFilter,
  decodeViewState,
  encodeViewState,
  type ViewState,
} from '../src/state/view_state';

describe('view state in the URL', () => {
  it('round-trips every field, including awkward run names', () => {
    const view: ViewState = {
      tab: 'scalars',
      runFilter: 'train|eval',
      runFuzzy: true,
      tagFilter: '^loss/',
      deselected: ['a&b=c#d/é', 'run 2', '.'],
      smoothing: 0.85,
      xAxis: 'wall',
      logY: true,
      ignoreOutliers: false,
      tooltipSort: 'nearest',
      histogramMode: 'overlay',
      textMarkdown: false,
      pinned: ['scalars\nloss/train', 'images\nrun&1\npics'],
      hparams: '{"mode":"parallel"}',
      groupRuns: '{"by":"regex","key":"seed","band":"std"}',
    };
    expect(decodeViewState('#' + encodeViewState(view))).toEqual(view);
  });

  it('writes nothing for the defaults', () => {
    expect(encodeViewState(DEFAULT_VIEW)).toBe('');
    expect(decodeViewState('')).toEqual(DEFAULT_VIEW);
  });

  it('falls back to defaults for invalid values', () => {
    const view = decodeViewState('smoothing=7&x=sideways&smoothing=abc&tooltipSort=random');
    expect(view.smoothing).toBe(DEFAULT_VIEW.smoothing);
    expect(view.xAxis).toBe('step');
    expect(view.tooltipSort).toBe('descending');
  });

  it("opens the tab of a TensorBoard link such as #images or #scalars&tagFilter=loss", () => {
    expect(decodeViewState('#images').tab).toBe('images');
    const view = decodeViewState('#scalars&tagFilter=loss');
    expect(view.tab).toBe('scalars');
    expect(view.tagFilter).toBe('loss');
    expect(decodeViewState('#tab=text&images').tab).toBe('text');
    expect(decodeViewState('#smoothing=0.5').tab).toBe('');
  });

  it('keeps the Markdown setting as markdown=0, and only that turns it off', () => {
    expect(encodeViewState({ ...DEFAULT_VIEW, textMarkdown: false })).toBe('markdown=0');
    expect(decodeViewState('markdown=0').textMarkdown).toBe(false);
    expect(decodeViewState('markdown=1').textMarkdown).toBe(true);
    expect(decodeViewState('markdown=no').textMarkdown).toBe(true);
  });
});

describe('compileFilter', () => {
  it('matches case-insensitively and reports invalid expressions', () => {
    expect(compileFilter('LOSS').regex!.test('train/loss')).toBe(true);
    expect(compileFilter('').regex).toBeNull();
    const bad = compileFilter('(');
    expect(bad.regex).toBeNull();
    expect(bad.error).toMatch(/regular expression|group/i);
  });
});
