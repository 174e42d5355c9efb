// Lays out, hidden and off-screen, samples of what the shell's first render shows, and removes them
// again. The page's first layout of text and of form controls pays for their one-time set-up (the
// UI font's lookup and shaping, the form controls' shadow trees and theme): main.tsx runs each
// sample in a start-up task of its own, so that the first render's frame does not pay for them on
// top of the shell's own style and layout (together one 12 ms task of CPU on the Graphs tab, the
// longest of the page open, and about 8 ms for the two samples in one task).
// UI thread only; the document is left as it was.

/** Text in the shell's sizes and weights: the header, a pane title, labels, a paragraph. */
const TEXT =
  '<span class="header__brand">tbx</span><h2 class="pane-title">Runs</h2>' +
  '<span class="field__label">Filter runs</span><p class="empty">Loading…</p>';

/** The run selector's form controls: a search field, a checkbox, a small button. */
const CONTROLS =
  '<input type="search" class="input"><label class="run-row"><input type="checkbox"><span>Fuzzy</span></label>' +
  '<button type="button" class="button button--small">Only these</button>';

function layOut(parent: HTMLElement, html: string): void {
  const sample = document.createElement('div');
  sample.setAttribute('aria-hidden', 'true');
  sample.style.cssText = 'position: absolute; left: -10000px; top: 0; visibility: hidden';
  sample.innerHTML = html;
  parent.appendChild(sample);
  // Reading a size lays the document out now.
  void sample.offsetWidth;
  sample.remove();
}

/** Lays the text sample out inside `parent` (the page's body) and takes it out again. */
export function warmUpText(parent: HTMLElement): void {
  layOut(parent, TEXT);
}

/** Lays the form controls out inside `parent` (the page's body) and takes them out again. */
export function warmUpControls(parent: HTMLElement): void {
  layOut(parent, CONTROLS);
}
