// @vitest-environment jsdom
import { h, render } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { Store, useStore } from '../src/state/store';

/** Lets the promise jobs queued so far (and those they queue) run, but no task or frame. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('useStore', () => {
  it('shows a change made right after the first render without waiting for a frame', async () => {
    // As the shell at start-up: a layout effect sets the store once an answer already in has been
    // read (a promise job), before the browser has painted the first render.
    const store = new Store({ plugins: 'none' });
    function Shown() {
      return h('span', null, useStore(store, (s) => s.plugins));
    }
    function Loader() {
      useLayoutEffect(() => {
        void Promise.resolve().then(() => store.set({ plugins: 'scalars' }));
      }, []);
      return null;
    }
    const root = document.createElement('div');
    render(h('div', null, h(Shown, null), h(Loader, null)), root);
    expect(root.textContent).toBe('none');
    await microtasks();
    expect(root.textContent).toBe('scalars');
    render(null, root);
  });

  it('re-renders only when the selected slice changes, and not once unmounted', async () => {
    const store = new Store({ a: 1, b: 1 });
    let renders = 0;
    function A() {
      renders++;
      return h('span', null, String(useStore(store, (s) => s.a)));
    }
    const root = document.createElement('div');
    render(h(A, null), root);
    await microtasks();
    const before = renders;
    store.set({ b: 2 });
    await microtasks();
    expect(renders).toBe(before);
    store.set({ a: 5 });
    await microtasks();
    expect(root.textContent).toBe('5');
    expect(renders).toBe(before + 1);
    render(null, root);
    store.set({ a: 6 });
    await microtasks();
    expect(renders).toBe(before + 1);
  });
});
