// Runs work when the page's main thread is idle: requestIdleCallback with a deadline, or a task
// posted at once where the browser has no idle callbacks. UI thread only.

/** Runs `callback` when the page is idle (within `timeoutMs`); returns its cancellation. */
export function whenIdle(callback: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(callback, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}
