// @vitest-environment jsdom
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { TagListingGroups } from '../../src/charts/TagListingGroups';
import { type TagListing, useTagListing } from '../../src/charts/use_tag_listing';
import { makeApp } from './test_app';

// Rendering inside act() runs the effects at once instead of after the next frame, so no
// frame timer of Preact's outlives the test environment.
let root: HTMLElement;
afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

function mount(vnode: ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.appendChild(root);
  act(() => render(vnode, root));
  return root;
}

describe('TagListingGroups', () => {
  const app = makeApp();
  const show = (props: Partial<Parameters<typeof TagListingGroups>[0]>) =>
    mount(
      h(TagListingGroups, {
        app,
        noun: 'histogram',
        listing: null,
        error: null,
        tags: [],
        renderCard: (tag: string) => h('div', { class: 'test-card' }, tag),
        ...props,
      }),
    );

  it('shows the error first, naming what failed to load', () => {
    const page = show({ error: 'HTTP 500', listing: { train: {} } });
    expect(page.textContent).toBe('Cannot load histogram tags: HTTP 500');
  });

  it('says it is loading until the listing arrives', () => {
    expect(show({}).textContent).toBe('Loading tags…');
  });

  it('tells no data at all from no data in the selected runs', () => {
    expect(show({ listing: {} }).textContent).toBe('No histogram data was found.');
    act(() => render(null, root));
    root.remove();
    expect(show({ listing: { train: {} } }).textContent).toBe('No selected run has histogram data. Select runs on the left.');
  });

  it('renders a card per tag', () => {
    const page = show({ listing: { train: {} }, tags: ['loss', 'acc'] });
    expect([...page.querySelectorAll('.test-card')].map((e) => e.textContent).sort()).toEqual(['acc', 'loss']);
  });
});

/** A load function whose calls the test answers one by one. */
function controlledLoad() {
  const calls: { signal: AbortSignal; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const load = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
    });
  return { calls, load };
}

/** Runs `settle` (answering a request) and lets the answer's callbacks and the re-render finish. */
async function answer(settle: () => void): Promise<void> {
  await act(async () => {
    settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('useTagListing', () => {
  /** Mounts a component using the hook with a load function the test answers call by call. */
  async function mountListing() {
    const app = makeApp();
    const { calls, load } = controlledLoad();
    const seen: TagListing<string>[] = [];
    function Probe() {
      seen.push(useTagListing(app, load));
      return null;
    }
    // Inside act, so the store subscriptions are in place before the test changes the stores.
    await act(() => {
      mount(h(Probe, {}));
    });
    const refresh = () => act(() => app.data.set({ refresh: app.data.get().refresh + 1 }));
    return { calls, seen, refresh };
  }

  it('loads at once, again on each refresh, and aborts the request it supersedes', async () => {
    const { calls, seen, refresh } = await mountListing();
    expect(calls.length).toBe(1);
    expect(seen.at(-1)).toEqual({ listing: null, error: null });
    await answer(() => calls[0].resolve('first'));
    expect(seen.at(-1)).toEqual({ listing: 'first', error: null });

    await refresh();
    await refresh();
    expect(calls.length).toBe(3);
    expect(calls[1].signal.aborted).toBe(true);
    expect(calls[2].signal.aborted).toBe(false);
    await answer(() => calls[2].resolve('third'));
    expect(seen.at(-1)).toEqual({ listing: 'third', error: null });
  });

  it('keeps the last listing with the error after a failure, and clears the error on success', async () => {
    const { calls, seen, refresh } = await mountListing();
    await answer(() => calls[0].resolve('first'));
    await refresh();
    await answer(() => calls[1].reject(new Error('HTTP 503')));
    expect(seen.at(-1)).toEqual({ listing: 'first', error: 'HTTP 503' });
    await refresh();
    await answer(() => calls[2].resolve('second'));
    expect(seen.at(-1)).toEqual({ listing: 'second', error: null });
  });

  it('ignores the failure of an aborted request', async () => {
    const { calls, seen, refresh } = await mountListing();
    await refresh();
    expect(calls.length).toBe(2);
    expect(calls[0].signal.aborted).toBe(true);
    await answer(() => calls[0].reject(new Error('aborted')));
    expect(seen.at(-1)).toEqual({ listing: null, error: null });
  });
});
