import { describe, expect, it } from 'vitest';
import { RUN_PALETTE, RunColors, type SlotStorage } from '../src/state/run_colors';

function memoryStorage(): SlotStorage & { saved: Record<string, number> } {
  const holder = {
    saved: {} as Record<string, number>,
    load: () => ({ ...holder.saved }),
    save: (slots: Record<string, number>) => {
      holder.saved = { ...slots };
    },
  };
  return holder;
}

describe('RunColors', () => {
  it('gives runs palette colours in first-seen order', () => {
    const colors = new RunColors(memoryStorage());
    colors.assign(['b', 'a']);
    expect(colors.color('b')).toBe('#ff7043');
    expect(colors.color('a')).toBe('#0077bb');
  });

  it('keeps colours across reloads when new runs appear in front', () => {
    const storage = memoryStorage();
    new RunColors(storage).assign(['train', 'eval']);
    const reloaded = new RunColors(storage);
    reloaded.assign(['aaa_new', 'eval', 'train']);
    expect(reloaded.color('train')).toBe(RUN_PALETTE[0]);
    expect(reloaded.color('eval')).toBe(RUN_PALETTE[1]);
    expect(reloaded.color('aaa_new')).toBe(RUN_PALETTE[2]);
  });

  it('wraps around the palette', () => {
    const colors = new RunColors(memoryStorage());
    const runs = Array.from({ length: RUN_PALETTE.length + 1 }, (_, i) => `r${i}`);
    colors.assign(runs);
    expect(colors.color(runs[RUN_PALETTE.length])).toBe(RUN_PALETTE[0]);
  });
});
