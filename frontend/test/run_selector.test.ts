// @vitest-environment jsdom
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices, DataState, Settings } from '../src/app/services';
import { ROWS_IDLE_TIMEOUT_MS, RunSelector } from '../src/shell/RunSelector';
import { RunColors } from '../src/state/run_colors';
import { Store } from '../src/state/store';
import { DEFAULT_VIEW } from '../src/state/view_state';

function services(runs: string[]): AppServices {
  const data: DataState = { runs, plugins: null, status: null, refresh: 0, error: null };
  const settings: Settings = { reloadSeconds: 30, theme: 'light' };
  return {
    view: new Store({ ...DEFAULT_VIEW }),
    data: new Store(data),
    settings: new Store(settings),
    colors: new RunColors({ load: () => ({}), save: () => undefined }),
  };
}

/** Lets the promise jobs queued so far (and those they queue) run, but no task. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const rowNames = (root: HTMLElement) => [...root.querySelectorAll('.run-list .run-row__name')].map((e) => e.textContent);

describe('RunSelector', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('renders the run rows in a later task than the runs, once the page is idle', async () => {
    vi.useFakeTimers();
    // As a browser: an idle callback that runs when the test says the page is idle.
    const idle: Array<() => void> = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options: { timeout: number }) => {
      expect(options.timeout).toBe(ROWS_IDLE_TIMEOUT_MS);
      return idle.push(callback);
    });
    vi.stubGlobal('cancelIdleCallback', () => undefined);
    const app = services([]);
    const root = document.createElement('div');
    render(h(RunSelector, { app }), root);
    expect(idle).toHaveLength(0); // no runs: nothing to wait for
    app.data.set({ runs: ['train', 'eval'] });
    await microtasks();
    // The count and the toggle are there at once; the rows wait.
    expect(root.querySelector('[data-testid="run-count"]')?.textContent).toContain('2 of 2 runs selected');
    expect(rowNames(root)).toEqual([]);
    expect(idle).toHaveLength(1);
    idle[0]();
    await microtasks();
    expect(rowNames(root)).toEqual(['train', 'eval']);
    // Later changes render at once.
    app.data.set({ runs: ['train', 'eval', 'test'] });
    await microtasks();
    expect(rowNames(root)).toEqual(['train', 'eval', 'test']);
    expect(idle).toHaveLength(1);
    render(null, root);
  });

  it('renders the rows without idle callbacks too (a task later)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const app = services(['a', 'b']);
    const root = document.createElement('div');
    render(h(RunSelector, { app }), root);
    expect(rowNames(root)).toEqual([]);
    vi.runAllTimers();
    await microtasks();
    expect(rowNames(root)).toEqual(['a', 'b']);
    render(null, root);
  });
});
