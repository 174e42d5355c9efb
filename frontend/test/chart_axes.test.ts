import { describe, expect, it } from 'vitest';
import {
  PAD_RIGHT,
  PAD_TOP,
  X_AXIS_HEIGHT,
  leftAxisWidth,
  plotBox,
  wallTimeLabel,
  xPosition,
  xTicks,
  xValueAt,
  yPosition,
  yTicks,
  yValueAt,
} from '../src/plugins/scalars/chart_axes';

const values = (ticks: { value: number }[]) => ticks.map((t) => t.value);
const labels = (ticks: { label: string }[]) => ticks.map((t) => t.label);

describe('chart axes', () => {
  it('ticks a step axis at round steps with short labels', () => {
    expect(values(xTicks('step', 0, 9999, 400))).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(values(xTicks('step', 0, 9999, 800))).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(labels(xTicks('step', 0, 2e6, 400))).toEqual(['0', '500k', '1M', '1.5M', '2M']);
  });

  it('ticks a relative axis at round durations', () => {
    const ticks = xTicks('relative', 0, 3600, 320);
    expect(values(ticks)).toEqual([0, 900, 1800, 2700, 3600]);
    expect(labels(ticks)).toEqual(['0s', '15m 00s', '30m 00s', '45m 00s', '1h 00m']);
  });

  it('ticks a wall-time axis at round times with time or date labels', () => {
    const t0 = new Date(2024, 0, 2, 10, 0, 0).getTime() / 1000;
    const hours = xTicks('wall', t0, t0 + 4 * 3600, 400);
    expect(hours.length).toBeGreaterThanOrEqual(2);
    for (const t of hours) expect(t.label).toMatch(/^\d\d:\d\d$/);
    const seconds = xTicks('wall', t0, t0 + 40, 400);
    for (const t of seconds) expect(t.label).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(wallTimeLabel(new Date(2024, 0, 2).getTime() / 1000, 86400)).toBe('2024-01-02');
    expect(wallTimeLabel(new Date(2024, 0, 2).getTime() / 1000, 3600)).toBe('01-02');
  });

  it('puts wall-time day and hour ticks on the page clock, in a zone off UTC', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata'; // UTC+5:30
    try {
      const t0 = Date.UTC(2024, 0, 2) / 1000;
      const days = xTicks('wall', t0, t0 + 6 * 86400, 400);
      expect(days.length).toBeGreaterThanOrEqual(2);
      for (const t of days) {
        const d = new Date(t.value * 1000);
        expect([d.getHours(), d.getMinutes()]).toEqual([0, 0]);
        expect(t.label).toBe(wallTimeLabel(t.value, 86400));
      }
      const hours = xTicks('wall', t0, t0 + 4 * 3600, 400);
      expect(hours.length).toBeGreaterThanOrEqual(2);
      for (const t of hours) expect(new Date(t.value * 1000).getMinutes()).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('ticks a linear y axis with decimals that tell ticks apart, negative ranges too', () => {
    expect(labels(yTicks(false, 0, 1, 160))).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(values(yTicks(false, -3.3, -0.2, 160))).toEqual([-3, -2.5, -2, -1.5, -1, -0.5]);
    expect(labels(yTicks(false, -0.33, -0.02, 160))).toEqual(['-0.30', '-0.25', '-0.20', '-0.15', '-0.10', '-0.05']);
    expect(labels(yTicks(false, -1, 1, 60))).toEqual(['-1', '0', '1']);
    expect(labels(yTicks(false, -1, 1, 160))).toEqual(['-1.0', '-0.5', '0.0', '0.5', '1.0']);
  });

  it('gives a single-value range one tick', () => {
    expect(values(yTicks(false, 5, 5, 160))).toEqual([5]);
    expect(values(xTicks('step', 7, 7, 600))).toEqual([7]);
  });

  it('labels huge and tiny magnitudes in short exponent form', () => {
    const huge = yTicks(false, 0, 4e9, 160);
    expect(labels(huge)).toEqual(['0', '1e+9', '2e+9', '3e+9', '4e+9']);
    const tiny = yTicks(false, 0, 4e-7, 160);
    expect(tiny.length).toBeGreaterThan(2);
    expect(labels(tiny).slice(1)).toEqual(['1e-7', '2e-7', '3e-7', '4e-7']);
  });

  it('ticks a log axis at 1, 2 and 5 times powers of ten, or only powers over many decades', () => {
    expect(values(yTicks(true, 0.01, 1, 160))).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(labels(yTicks(true, 0.01, 1, 160))).toEqual(['0.01', '0.02', '0.05', '0.1', '0.2', '0.5', '1']);
    expect(values(yTicks(true, 1e-6, 1e3, 160))).toEqual([1e-6, 1e-4, 0.01, 1, 100]);
    expect(yTicks(true, 0, 1, 160)).toEqual([]);
  });

  it('sizes the left axis from its labels and leaves the rest to the plot', () => {
    expect(leftAxisWidth([])).toBe(18 + 21);
    expect(leftAxisWidth(['0.0001', '-12.5'])).toBe(18 + 42);
    const box = plotBox(600, 230, ['0.5']);
    expect(box).toEqual({ left: 39, top: PAD_TOP, width: 600 - 39 - PAD_RIGHT, height: 230 - PAD_TOP - X_AXIS_HEIGHT });
  });

  it('maps values to plot pixels and back, linear and log', () => {
    const box = { left: 40, top: 17, width: 500, height: 160 };
    const linear = { xMin: 0, xMax: 100, yMin: -1, yMax: 1, logY: false };
    expect(xPosition(linear, box, 50)).toBe(250);
    expect(yPosition(linear, box, 1)).toBe(0);
    expect(yPosition(linear, box, -1)).toBe(160);
    expect(xValueAt(linear, box, 125)).toBe(25);
    expect(yValueAt(linear, box, 80)).toBe(0);
    const log = { ...linear, yMin: 0.01, yMax: 1, logY: true };
    expect(yPosition(log, box, 0.1)).toBeCloseTo(80);
    expect(yValueAt(log, box, 80)).toBeCloseTo(0.1);
    expect(yPosition(log, box, -1)).toBeNaN();
  });
});
