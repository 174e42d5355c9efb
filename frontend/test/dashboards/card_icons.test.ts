// @vitest-environment jsdom
// The card headers' buttons draw their icons as SVG, with no text: a symbol character in a button
// is a font lookup per missing family in the page's first layout, and looks different per platform.
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { EnlargeButton } from '../../src/charts/EnlargeButton';
import { ResetZoomButton } from '../../src/charts/ResetZoomButton';
import { DownloadMenu } from '../../src/plugins/scalars/DownloadMenu';
import { makeApp } from './test_app';

let root: HTMLElement;
afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

async function mount(vnode: ComponentChild): Promise<HTMLElement> {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(vnode, root));
  return root;
}

/** The control's icon name and its text (what the font would have to draw). */
function iconOf(control: Element): { icon: string | null; text: string } {
  const svg = control.querySelector('svg');
  return { icon: svg?.getAttribute('data-icon') ?? null, text: control.textContent ?? '' };
}

describe('card header icons', () => {
  it('enlarge and shrink are SVG icons with their labels on the button', async () => {
    const page = await mount(h(EnlargeButton, { wide: false, onToggle: () => undefined }));
    const button = page.querySelector('button')!;
    expect(iconOf(button)).toEqual({ icon: 'enlarge', text: '' });
    expect(button.getAttribute('aria-label')).toBe('Enlarge card');
    await act(() => render(h(EnlargeButton, { wide: true, onToggle: () => undefined }), root));
    expect(iconOf(page.querySelector('button')!)).toEqual({ icon: 'shrink', text: '' });
    expect(page.querySelector('svg path')!.getAttribute('d')).toMatch(/^M/);
  });

  it('reset zoom and download are SVG icons with no text', async () => {
    const page = await mount(
      h('div', null, [
        h(ResetZoomButton, { onReset: () => undefined }),
        h(DownloadMenu, { app: makeApp(), tag: 'loss', runs: ['a'], onDownloadAll: () => undefined }),
      ]),
    );
    expect(iconOf(page.querySelector('button[title="Reset zoom"]')!)).toEqual({ icon: 'reset', text: '' });
    expect(iconOf(page.querySelector('summary[title="Download data"]')!)).toEqual({ icon: 'download', text: '' });
  });
});
