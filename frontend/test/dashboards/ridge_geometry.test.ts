import { describe, expect, it } from 'vitest';
import { binAtX, countY, nearestHistogram, ridgeLayout, ridgeRanksToDraw } from '../../src/plugins/histograms/ridge_geometry';

const rect = { left: 20, top: 10, width: 100, height: 100 };

describe('ridgeLayout', () => {
  it('stacks histograms down the plot in proportion to their time', () => {
    // Ridges take 40% (40 px); baselines spread over the remaining 60 px from y = 50 to y = 110.
    const layout = ridgeLayout(Float64Array.from([0, 5, 10]), rect, 'offset');
    expect(layout.ridgeHeight).toBe(40);
    expect(Array.from(layout.baselines)).toEqual([50, 80, 110]);
    expect(countY(layout, 1, 5, 10)).toBe(60);
  });

  it('puts every histogram on the bottom baseline in overlay mode, and a single one too', () => {
    const overlay = ridgeLayout(Float64Array.from([0, 5]), rect, 'overlay');
    expect(Array.from(overlay.baselines)).toEqual([110, 110]);
    expect(overlay.ridgeHeight).toBe(100);
    const single = ridgeLayout(Float64Array.from([7]), rect, 'offset');
    expect(Array.from(single.baselines)).toEqual([110]);
  });

  it('places histograms at equal times on the last baseline', () => {
    expect(Array.from(ridgeLayout(Float64Array.from([3, 3]), rect, 'offset').baselines)).toEqual([110, 110]);
  });
});

describe('hovering', () => {
  it('maps x to a bin and rejects points outside the plot', () => {
    expect(binAtX(20, rect, 50)).toBe(0);
    expect(binAtX(69, rect, 50)).toBe(24);
    expect(binAtX(120, rect, 50)).toBe(49);
    expect(binAtX(19, rect, 50)).toBe(-1);
  });

  it('picks the nearest baseline in offset mode', () => {
    const layout = ridgeLayout(Float64Array.from([0, 5, 10]), rect, 'offset');
    const counts = new Float32Array(6);
    expect(nearestHistogram('offset', layout, counts, 2, 0, 0, 70)).toBe(1);
    expect(nearestHistogram('offset', layout, counts, 2, 0, 0, 0)).toBe(0);
  });

  it('picks the nearest curve at the hovered bin in overlay mode', () => {
    const layout = ridgeLayout(Float64Array.from([0, 5]), rect, 'overlay');
    // Bin 1: histogram 0 has 8 of max 10 → y = 110 - 80 = 30; histogram 1 has 2 → y = 90.
    const counts = Float32Array.from([1, 8, 10, 2]);
    expect(nearestHistogram('overlay', layout, counts, 2, 10, 1, 35)).toBe(0);
    expect(nearestHistogram('overlay', layout, counts, 2, 10, 1, 80)).toBe(1);
  });
});

describe('ridgeRanksToDraw', () => {
  it('draws every ridge that fits', () => {
    expect(Array.from(ridgeRanksToDraw(3, 10))).toEqual([0, 1, 2]);
  });

  it('spreads the drawn ridges evenly, first and last included', () => {
    // 11 ridges, room for 3: ranks 0, 5, 10; room for 4: 0, 3.33→3, 6.67→7, 10.
    expect(Array.from(ridgeRanksToDraw(11, 3))).toEqual([0, 5, 10]);
    expect(Array.from(ridgeRanksToDraw(11, 4))).toEqual([0, 3, 7, 10]);
    expect(Array.from(ridgeRanksToDraw(600, 1))).toEqual([0, 599]);
  });
});
