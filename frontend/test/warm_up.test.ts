// @vitest-environment jsdom
// Unit tests of the shell's start-up warm-up (src/shell/warm_up.ts): each sample is laid out inside
// the given parent, hidden from view and from assistive technology, and taken out again, leaving the
// document as it was.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmUpControls, warmUpText } from '../src/shell/warm_up';

afterEach(() => vi.restoreAllMocks());

describe('the shell warm-up', () => {
  for (const [name, warmUp, selector] of [
    ['text', warmUpText, '.pane-title'],
    ['form controls', warmUpControls, 'input[type="search"]'],
  ] as const) {
    it(`lays out its ${name} hidden and leaves the document as it was`, () => {
      document.body.innerHTML = '<div id="app"></div>';
      const before = document.body.innerHTML;
      let laidOut: Element | null = null;
      let inPage = false;
      const read = vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockImplementation(function (this: HTMLElement) {
        laidOut = this;
        inPage = this.parentElement === document.body;
        return 0;
      });
      warmUp(document.body);
      expect(read).toHaveBeenCalledOnce();
      const sample = laidOut as HTMLElement | null;
      expect(sample?.querySelector(selector)).not.toBeNull();
      expect(sample?.getAttribute('aria-hidden')).toBe('true');
      expect(sample?.style.visibility).toBe('hidden');
      // It was in the page when its size was read, and is no longer.
      expect(inPage).toBe(true);
      expect(sample?.isConnected).toBe(false);
      expect(document.body.innerHTML).toBe(before);
    });
  }
});
