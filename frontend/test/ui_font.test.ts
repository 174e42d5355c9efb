import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYSTEM_FONTS, TENSORBOARD_FONTS, markPlatformFont, uiFontFamily, usesSystemFont } from '../src/shell/ui_font';

const LINUX_CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const UBUNTU_FIREFOX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const WINDOWS_EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const CHROMEOS = 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The declarations of `selector`'s first rule in styles.css. */
function rule(css: string, selector: string): string {
  const at = css.indexOf(`${selector} {`);
  expect(at, selector).toBeGreaterThanOrEqual(0);
  return css.slice(at, css.indexOf('}', at));
}

describe('the platform text font', () => {
  it('is the system UI font on desktop Linux only', () => {
    expect([LINUX_CHROME, UBUNTU_FIREFOX].map(usesSystemFont)).toEqual([true, true]);
    // macOS and Windows have Helvetica Neue and Arial; Android and ChromeOS have Roboto.
    expect([MAC_CHROME, WINDOWS_EDGE, ANDROID, CHROMEOS].map(usesSystemFont)).toEqual([false, false, false, false]);
    expect(uiFontFamily(LINUX_CHROME)).toBe(SYSTEM_FONTS);
    expect(uiFontFamily(MAC_CHROME)).toBe(TENSORBOARD_FONTS);
  });

  it('marks the page for the stylesheet on desktop Linux only', () => {
    const linux = { dataset: {} as Record<string, string> };
    markPlatformFont(linux as unknown as HTMLElement, LINUX_CHROME);
    expect(linux.dataset.font).toBe('system');
    const mac = { dataset: {} as Record<string, string> };
    markPlatformFont(mac as unknown as HTMLElement, MAC_CHROME);
    expect(mac.dataset.font).toBeUndefined();
  });

  it('is the stylesheet\'s: TensorBoard\'s fonts, and on the marked page the system UI font first, controls included', () => {
    const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8').replace(/'/g, '"');
    expect(rule(css, ':root')).toContain(`font-family: ${TENSORBOARD_FONTS};`);
    expect(rule(css, ':root[data-font="system"]')).toContain(`font-family: ${SYSTEM_FONTS};`);
    expect(SYSTEM_FONTS).toBe('system-ui');
    expect(rule(css, ':root[data-font="system"] :is(button, input, select, textarea)')).toContain('font-family: inherit;');
    // The text dashboard's code: the generic monospace, found at once, not Roboto Mono, Menlo, Consolas.
    const dashboards = readFileSync(new URL('../src/charts/dashboards.css', import.meta.url), 'utf8').replace(/'/g, '"');
    expect(rule(dashboards, ':root[data-font="system"] .text-body code')).toContain('font-family: monospace;');
  });
});
