import { describe, expect, it } from 'vitest';
import { pieceRanges } from '../src/charts/draw_pieces';
import { DrawSlicer } from '../src/plugins/timeseries/draw_slicer';

/** A slicer on a fake clock whose tasks run only when `runTask` is called. */
function fakeSlicer(budgetMs: number) {
  let clock = 0;
  const tasks: (() => void)[] = [];
  const slicer = new DrawSlicer(budgetMs, () => clock, (task) => tasks.push(task));
  return {
    slicer,
    /** A piece that takes `ms` on the fake clock and records its name when it runs. */
    piece: (log: string[], name: string, ms: number) => () => {
      log.push(name);
      clock += ms;
    },
    runTask: () => {
      const task = tasks.shift();
      if (!task) throw new Error('no task was posted');
      task();
    },
    postedTasks: () => tasks.length,
  };
}

describe('DrawSlicer', () => {
  it('runs nothing in the deferring task, then pieces in order', () => {
    const f = fakeSlicer(8);
    const log: string[] = [];
    f.slicer.defer(f.piece(log, 'a', 1));
    f.slicer.defer(f.piece(log, 'b', 1));
    expect(log).toEqual([]);
    expect(f.postedTasks()).toBe(1);
    f.runTask();
    expect(log).toEqual(['a', 'b']);
    expect(f.postedTasks()).toBe(0);
  });

  it('starts a new task once a task has used its budget', () => {
    const f = fakeSlicer(8);
    const log: string[] = [];
    // A card's first draw: axes (6 ms), then five pieces of lines (3 ms each).
    f.slicer.defer(f.piece(log, 'axes', 6));
    for (let i = 0; i < 5; i++) f.slicer.defer(f.piece(log, `lines${i}`, 3));
    f.runTask();
    // 6 ms < 8: one more piece fits; 9 ms ≥ 8: the task ends.
    expect(log).toEqual(['axes', 'lines0']);
    f.runTask();
    expect(log.slice(2)).toEqual(['lines1', 'lines2', 'lines3']);
    f.runTask();
    expect(log.slice(5)).toEqual(['lines4']);
    expect(f.postedTasks()).toBe(0);
    expect(f.slicer.tasks).toBe(3);
  });

  it('runs a piece longer than the budget alone in its task', () => {
    const f = fakeSlicer(8);
    const log: string[] = [];
    f.slicer.defer(f.piece(log, 'long', 30));
    f.slicer.defer(f.piece(log, 'next', 1));
    f.runTask();
    expect(log).toEqual(['long']);
    f.runTask();
    expect(log).toEqual(['long', 'next']);
  });

  it('keeps running later pieces when one throws', () => {
    const f = fakeSlicer(8);
    const log: string[] = [];
    f.slicer.defer(() => {
      throw new Error('broken chart');
    });
    f.slicer.defer(f.piece(log, 'after', 1));
    expect(() => f.runTask()).toThrow('broken chart');
    expect(f.slicer.pending).toBe(1);
    f.runTask();
    expect(log).toEqual(['after']);
  });

  it('posts a new task for pieces deferred after the queue ran dry', () => {
    const f = fakeSlicer(8);
    const log: string[] = [];
    f.slicer.defer(f.piece(log, 'a', 1));
    f.runTask();
    f.slicer.defer(f.piece(log, 'b', 1));
    expect(f.postedTasks()).toBe(1);
    f.runTask();
    expect(log).toEqual(['a', 'b']);
  });
});

describe('pieceRanges', () => {
  it('covers 50 runs in order, at most 10 lines a piece', () => {
    expect(pieceRanges(50, 10)).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
      [40, 50],
    ]);
  });

  it('ends with a shorter piece and has none for no lines', () => {
    expect(pieceRanges(23, 10)).toEqual([
      [0, 10],
      [10, 20],
      [20, 23],
    ]);
    expect(pieceRanges(0, 10)).toEqual([]);
    expect(pieceRanges(3, 0)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });
});
