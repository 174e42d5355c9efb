import { describe, expect, it } from 'vitest';
import { type EarlyInputEntry, recordInput, replayPlan } from '../src/plugins/scalars/early_input';

const box = { left: 50, top: 10, width: 300, height: 200 };
const entry = (kind: EarlyInputEntry['kind'], x: number, y: number, inPlot = true): EarlyInputEntry => ({ kind, x, y, inPlot });
const record = (...entries: EarlyInputEntry[]) => {
  const log: EarlyInputEntry[] = [];
  for (const e of entries) recordInput(log, e);
  return log;
};
const types = (log: EarlyInputEntry[]) => replayPlan(log, box).map((e) => e.type);

describe('recordInput', () => {
  it('keeps the last of consecutive moves on the same side of the plot box', () => {
    const log = record(entry('mousemove', 60, 20), entry('mousemove', 70, 30), entry('mousedown', 70, 30), entry('mousemove', 80, 40), entry('mousemove', 90, 50));
    expect(log.map((e) => [e.kind, e.x])).toEqual([
      ['mousemove', 70],
      ['mousedown', 70],
      ['mousemove', 90],
    ]);
  });

  it('keeps the last move over the plot box before one elsewhere', () => {
    const log = record(entry('mousedown', 60, 20), entry('mousemove', 100, 100), entry('mousemove', 120, 190), entry('mousemove', 130, 230, false), entry('mousemove', 140, 260, false));
    expect(log.map((e) => [e.kind, e.y])).toEqual([
      ['mousedown', 20],
      ['mousemove', 190],
      ['mousemove', 260],
    ]);
  });

  it('keeps a bounded number of inputs, the latest', () => {
    const log: EarlyInputEntry[] = [];
    for (let i = 0; i < 1000; i++) recordInput(log, entry(i % 2 ? 'mousedown' : 'mouseup', i, 0));
    expect(log.length).toBeLessThan(1000);
    expect(log[log.length - 1].x).toBe(999);
  });
});

describe('replayPlan', () => {
  it('replays a drag inside the plot box relative to it, entering it first', () => {
    const plan = replayPlan(record(entry('mousemove', 60, 20), entry('mousedown', 60, 20), entry('mousemove', 160, 120), entry('mouseup', 160, 120)), box);
    expect(plan.map((e) => [e.type, e.x, e.y, e.onDocument, e.buttons])).toEqual([
      ['mouseenter', 10, 10, false, 0],
      ['mousemove', 10, 10, false, 0],
      ['mousedown', 10, 10, false, 1],
      ['mousemove', 110, 110, false, 1],
      ['mouseup', 110, 110, false, 0],
    ]);
    // uPlot ignores a drag's moves of no distance: every move carries its distance.
    expect(plan[3].movementX).toBe(100);
    expect(plan[3].movementY).toBe(100);
  });

  it('gives a move of no distance one, so that uPlot takes it', () => {
    const plan = replayPlan(record(entry('mousedown', 60, 20), entry('mousemove', 60, 20)), box);
    expect(plan.find((e) => e.type === 'mousemove')?.movementX).toBe(1);
  });

  it('leaves the plot box when a drag goes elsewhere and releases on the document', () => {
    const plan = replayPlan(
      record(entry('mousedown', 60, 20), entry('mousemove', 150, 200), entry('mousemove', 150, 300, false), entry('mouseup', 150, 320, false)),
      box,
    );
    expect(plan.map((e) => [e.type, e.y, e.onDocument])).toEqual([
      ['mouseenter', 10, false],
      ['mousedown', 10, false],
      ['mousemove', 190, false],
      ['mouseleave', 290, false],
      ['mouseup', 310, true],
    ]);
  });

  it('leaves a press held when its release has not come yet', () => {
    expect(types(record(entry('mousedown', 60, 20), entry('mousemove', 100, 50)))).toEqual(['mouseenter', 'mousedown', 'mousemove']);
  });

  it('ignores a press elsewhere (on the axes) and its release', () => {
    expect(types(record(entry('mousedown', 10, 20, false), entry('mousemove', 100, 50), entry('mouseup', 100, 50)))).toEqual(['mouseenter', 'mousemove']);
  });

  it('replays clicks over the plot box and the pointer leaving the chart', () => {
    const log = record(
      entry('mousedown', 60, 20),
      entry('mouseup', 60, 20),
      entry('click', 60, 20),
      entry('dblclick', 60, 20),
      entry('click', 10, 20, false),
      entry('leave', 0, 0, false),
    );
    expect(types(log)).toEqual(['mouseenter', 'mousedown', 'mouseup', 'click', 'dblclick', 'mouseleave']);
  });
});
