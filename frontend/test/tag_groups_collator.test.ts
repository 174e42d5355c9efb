// The shell's name order builds its Intl.Collator on the first comparison, not when the app's first
// script is evaluated: the first collator of a page loads ICU's collation data, which made it the
// largest part of evaluating that script on tabs that sort no names while they open (Graphs).
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('compareNames', () => {
  it('builds no collator on import, then one for every comparison', async () => {
    const made = vi.spyOn(Intl, 'Collator');
    const { compareNames, groupTags } = await import('../src/shell/TagGroups');
    expect(made).not.toHaveBeenCalled();
    expect(compareNames('metric_4', 'metric_12')).toBeLessThan(0);
    expect(groupTags(['b/x', 'a10/y', 'a9/z']).map((g) => g.name)).toEqual(['a9', 'a10', 'b']);
    expect(made).toHaveBeenCalledTimes(1);
  });
});
