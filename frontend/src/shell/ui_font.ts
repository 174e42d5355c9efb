// The app's text font, in one place for the page (styles.css) and its canvases (charts, the graph
// explorer and its render worker).
//
// TensorBoard's look is Roboto, else Helvetica Neue (macOS), else Arial (Windows): the stack
// TENSORBOARD_FONTS. A desktop Linux has none of those as a rule, and Chromium looks up every
// family of a stack it cannot find, and then the generic `sans-serif`'s own candidates, each with a
// synchronous round trip to the browser process that the page's main thread waits for: seven of
// them in the first style and layout with that stack, five for a canvas's bare `sans-serif`, and
// each weight again. `system-ui` (the desktop's own UI font) is found at the first lookup. So on
// desktop Linux (not Android or ChromeOS, which have Roboto), App.tsx marks the page with
// <html data-font="system"> as its module is evaluated, before the first render puts any text in
// the page; styles.css then uses SYSTEM_FONTS, and canvases use canvasFont(), which decides the
// same way from the user agent.
// Any thread: no DOM but markPlatformFont's argument (the graph's render worker uses it too).

export const TENSORBOARD_FONTS = 'Roboto, "Helvetica Neue", Arial, sans-serif';
// No generic family after it: Chromium tries a family of the list for every character the first one
// lacks (a symbol such as an arrow), and `sans-serif` is five lookups more on Linux; every browser that
// runs this app knows `system-ui`.
export const SYSTEM_FONTS = 'system-ui';

/** Whether `userAgent` is a desktop Linux browser's. */
export function usesSystemFont(userAgent: string): boolean {
  return /\bLinux\b/.test(userAgent) && !/Android|CrOS/.test(userAgent);
}

/** The font-family list for text on this platform (what <html>'s style resolves to). */
export function uiFontFamily(userAgent: string = globalThis.navigator?.userAgent ?? ''): string {
  return usesSystemFont(userAgent) ? SYSTEM_FONTS : TENSORBOARD_FONTS;
}

/** Marks `root` (the page's <html>) for styles.css's SYSTEM_FONTS where they are the ones to use. */
export function markPlatformFont(root: HTMLElement, userAgent: string = navigator.userAgent): void {
  if (usesSystemFont(userAgent)) root.dataset.font = 'system';
}

const family = uiFontFamily();

/** A canvas font: `style` ("600 12px", "11px") in this platform's text font. */
export function canvasFont(style: string): string {
  return `${style} ${family}`;
}
