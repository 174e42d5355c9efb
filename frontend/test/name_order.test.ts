// The dashboards' name order (src/shell/name_order.ts) against the collator it re-states:
// Intl.Collator('en', { numeric: true }), which this test's Node.js has with the same ICU rules
// for ASCII as Chromium. Every printable ASCII character, hand-picked cases, and random names over
// an alphabet dense in the hard parts (digits and leading zeros, case, punctuation).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareNames } from '../src/shell/name_order';
import { random } from './seeded_random';

const collator = new Intl.Collator('en', { numeric: true });
const sign = (x: number) => Math.sign(x);

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

describe('compareNames', () => {
  it('orders every pair of printable ASCII characters as the collator', () => {
    for (const a of PRINTABLE) {
      for (const b of PRINTABLE) expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    }
  });

  it('agrees with the collator on hand-picked names', () => {
    const names = [
      'metric_4', 'metric_12', 'metric_012', 'metric_0', 'metric_00', 'metric', 'Metric_4', 'METRIC_4',
      'a01', 'a1', 'a1b', 'a01B', 'aB', 'Ab', 'ab', 'AB', 'a b', 'a_b', 'a-b', 'a.b', 'a/b', 'a/B',
      'loss/train', 'loss/eval', 'Loss/train', 'loss', 'loss_', '1.5', '1.10', '1.05', 'x9', 'x10',
      'x9y', 'x9Y', 'x09y', '', ' ', '_', '0', '00', '007', '7', 'a' + '9'.repeat(250), 'a' + '9'.repeat(251),
    ];
    for (const a of names) {
      for (const b of names) expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    }
  });

  it('agrees with the collator on random names', () => {
    const next = random(16);
    const alphabet = '0000011223456789aAbBzZ__--//..  ~$#(';
    const name = () => {
      const length = Math.floor(next() * 9);
      let s = '';
      for (let k = 0; k < length; k++) s += next() < 0.1 ? PRINTABLE[Math.floor(next() * PRINTABLE.length)] : alphabet[Math.floor(next() * alphabet.length)];
      return s;
    };
    for (let k = 0; k < 50000; k++) {
      const a = name();
      // Half the pairs share a start, so that the comparison reaches their later characters.
      const b = next() < 0.5 ? a.slice(0, Math.floor(next() * (a.length + 1))) + name() : name();
      expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    }
  });

  it('leaves names outside printable ASCII to the collator', () => {
    const pairs: [string, string][] = [
      ['ab\u0001', 'ab'], // a control character counts for nothing
      ['a1\u0661', 'a2'], // an Arabic-Indic digit continues the number: 11 > 2
      ['é', 'f'],
      ['e', 'é'],
      ['a\tb', 'a b'],
      ['Ünits', 'units'],
    ];
    for (const [a, b] of pairs) {
      expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
      expect([b, a, sign(compareNames(b, a))]).toEqual([b, a, sign(collator.compare(b, a))]);
    }
  });

  it('builds no collator for ASCII names, one when a name is not', async () => {
    const made = vi.spyOn(Intl, 'Collator');
    const order = await import('../src/shell/name_order');
    const { groupTags } = await import('../src/shell/TagGroups');
    expect(order.compareNames('metric_4', 'metric_12')).toBeLessThan(0);
    expect(groupTags(['b/x', 'a10/y', 'a9/z']).map((g) => g.name)).toEqual(['a9', 'a10', 'b']);
    expect(made).not.toHaveBeenCalled();
    expect(order.compareNames('é', 'f')).toBeLessThan(0);
    expect(order.compareNames('ü', 'v')).toBeLessThan(0);
    expect(made).toHaveBeenCalledTimes(1);
  });
});
