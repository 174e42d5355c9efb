// @vitest-environment jsdom
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services';
import { lazyDashboard } from '../../src/plugins/lazy_dashboard';
import { lazyModule } from '../../src/plugins/lazy_module';
import type { DashboardProps } from '../../src/plugins/registry';

const app = {} as AppServices;
const Loaded = ({ embedded }: DashboardProps) => h('p', null, embedded ? 'loaded (embedded)' : 'loaded');

/** A load() the test resolves or rejects when it wants. */
function deferredLoad<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  let calls = 0;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { load: () => (calls++, promise), resolve, reject, calls: () => calls };
}

let root: HTMLElement;
afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

function mount(vnode: ComponentChild, inAct = true): HTMLElement {
  root = document.createElement('div');
  document.body.appendChild(root);
  if (inAct) act(() => render(vnode, root));
  else render(vnode, root);
  return root;
}

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('lazyDashboard', () => {
  it('shows Loading… until the code arrives, then the loaded component with its props', async () => {
    const code = deferredLoad<typeof Loaded>();
    const Lazy = lazyDashboard(code.load);
    const page = mount(h(Lazy, { app, embedded: true }));
    expect(page.textContent).toBe('Loading…');
    await act(async () => {
      code.resolve(Loaded);
      await settle();
    });
    expect(page.textContent).toBe('loaded (embedded)');
    expect(code.calls()).toBe(1);
  });

  it('renders the loaded component at once when preloaded', async () => {
    const Lazy = lazyDashboard(async () => Loaded);
    await Lazy.preload();
    expect(mount(h(Lazy, { app })).textContent).toBe('loaded');
  });

  it('still shows the component when preloaded code arrives between the render and its effect', async () => {
    const code = deferredLoad<typeof Loaded>();
    const Lazy = lazyDashboard(code.load);
    void Lazy.preload();
    // Outside act(): the effect runs after the next frame, as in the browser.
    const page = mount(h(Lazy, { app }), false);
    expect(page.textContent).toBe('Loading…');
    code.resolve(Loaded);
    await settle();
    await act(async () => {
      await settle(150);
    });
    expect(page.textContent).toBe('loaded');
  });

  it('reports a failed load, and quiet components show nothing', async () => {
    const code = deferredLoad<typeof Loaded>();
    const page = mount(h('div', null, h(lazyDashboard(code.load), { app }), h(lazyDashboard(code.load, true), { app })));
    await act(async () => {
      code.reject(new Error('chunk 404'));
      await settle();
    });
    expect(page.textContent).toBe('Could not load this dashboard: chunk 404');
  });
});

describe('lazyModule', () => {
  it('loads controls and dashboard from one module, once; controls render nothing when it has none', async () => {
    let loads = 0;
    const module = lazyModule('x', async () => {
      loads++;
      return { plugin: 'x', Dashboard: Loaded };
    });
    await module.preload();
    const Controls = module.Controls!;
    const page = mount(h('div', null, h(Controls, { app }), h(module.Dashboard, { app })));
    expect(page.textContent).toBe('loaded');
    expect(loads).toBe(1);
  });
});
