import { describe, expect, it } from 'vitest';
import { MountQueue } from '../src/plugins/timeseries/mount_queue';

/** A queue whose tasks run only when `runTask` is called. */
function fakeQueue(perTask: number) {
  const tasks: (() => void)[] = [];
  const queue = new MountQueue(perTask, (task) => tasks.push(task));
  return {
    queue,
    runTask: () => {
      const task = tasks.shift();
      if (!task) throw new Error('no task was posted');
      task();
    },
    postedTasks: () => tasks.length,
  };
}

describe('MountQueue', () => {
  it('mounts nothing in the reporting task, then a few cells per task in the order they came near', () => {
    const f = fakeQueue(2);
    const log: string[] = [];
    const cells = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }));
    for (const cell of cells) f.queue.enqueue(cell, () => log.push(cell.name));
    expect(log).toEqual([]);
    expect(f.postedTasks()).toBe(1);
    f.runTask();
    expect(log).toEqual(['a', 'b']);
    f.runTask();
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    f.runTask();
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(f.postedTasks()).toBe(0);
    expect(f.queue.tasks).toBe(3);
  });

  it('forgets a cell that leaves before its turn', () => {
    const f = fakeQueue(1);
    const log: string[] = [];
    const [a, b, c] = [{}, {}, {}];
    f.queue.enqueue(a, () => log.push('a'));
    f.queue.enqueue(b, () => log.push('b'));
    f.queue.enqueue(c, () => log.push('c'));
    f.queue.cancel(b);
    f.runTask();
    f.runTask();
    expect(log).toEqual(['a', 'c']);
    expect(f.queue.pending).toBe(0);
    expect(f.postedTasks()).toBe(0);
  });

  it('mounts a cell reported near twice only once', () => {
    const f = fakeQueue(4);
    const log: string[] = [];
    const cell = {};
    f.queue.enqueue(cell, () => log.push('first report'));
    f.queue.enqueue(cell, () => log.push('second report'));
    f.runTask();
    expect(log).toEqual(['second report']);
  });

  it('keeps mounting the other cells when one throws, and posts again after running dry', () => {
    const f = fakeQueue(1);
    const log: string[] = [];
    f.queue.enqueue({}, () => {
      throw new Error('broken card');
    });
    f.queue.enqueue({}, () => log.push('after'));
    expect(() => f.runTask()).toThrow('broken card');
    f.runTask();
    expect(log).toEqual(['after']);
    expect(f.postedTasks()).toBe(0);
    f.queue.enqueue({}, () => log.push('later'));
    expect(f.postedTasks()).toBe(1);
    f.runTask();
    expect(log).toEqual(['after', 'later']);
  });

  it('mounts a further cell in a task only while the task is within its time budget', () => {
    const tasks: (() => void)[] = [];
    let clock = 0;
    const queue = new MountQueue(3, (task) => tasks.push(task), 8, () => clock);
    const log: string[] = [];
    // Each cell's mount takes the time given.
    const cells: [string, number][] = [['slow', 9], ['b', 2], ['c', 2], ['d', 2], ['e', 5]];
    for (const [name, ms] of cells) queue.enqueue({ name }, () => ((clock += ms), log.push(name)));
    tasks.shift()!();
    expect(log).toEqual(['slow']);
    tasks.shift()!();
    expect(log).toEqual(['slow', 'b', 'c', 'd']);
    tasks.shift()!();
    expect(log).toEqual(['slow', 'b', 'c', 'd', 'e']);
    expect(tasks.length).toBe(0);
  });
});
