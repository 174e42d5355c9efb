import { describe, expect, it } from 'vitest';
import { formatDuration, formatStepTick, formatTick, formatValue } from '../src/charts/format';

describe('formatting', () => {
  it('formats values compactly', () => {
    expect(formatValue(1.23456789)).toBe('1.2346');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-Infinity');
    expect(formatValue(1234567)).toBe('1.235e+6');
    expect(formatValue(0.00001)).toBe('1e-5');
  });

  it('formats durations and steps', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(725)).toBe('12m 05s');
    expect(formatDuration(3 * 3600 + 125)).toBe('3h 02m');
    expect(formatDuration(2 * 86400 + 4 * 3600)).toBe('2d 4h');
    expect(formatStepTick(15000)).toBe('15k');
    expect(formatStepTick(2000000)).toBe('2M');
    expect(formatStepTick(500)).toBe('500');
  });
});

describe('formatTick', () => {
  it('uses as many decimals as the tick increment needs', () => {
    expect(formatTick(0.25, 0.25)).toBe('0.25');
    expect(formatTick(200, 100)).toBe('200');
    expect(formatTick(0.333333335, 1e-9)).toBe('0.333333335');
    expect(formatTick(2000000, 1000000)).toBe('2e+6');
  });
});
