// A minimal observable value and a Preact hook to read a slice of it.
//
// UI-thread only. `set` merges a patch and notifies subscribers synchronously; components re-render
// only when the slice they select changes (compared with Object.is).
import { useLayoutEffect, useState } from 'preact/hooks';

export class Store<T extends object> {
  private value: T;
  private readonly listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.value = initial;
  }

  get(): T {
    return this.value;
  }

  set(patch: Partial<T>): void {
    this.value = { ...this.value, ...patch };
    for (const listener of [...this.listeners]) listener(this.value);
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Re-renders the calling component when `select(store value)` changes. It subscribes in a layout
 * effect, before the commit's frame is painted: subscribed in a passive effect (after that frame),
 * a change made meanwhile waited for a painted frame to show, as the shell's core data at start-up
 * (set in App's layout effect as soon as it has rendered), which held the first dashboard's render
 * 30–55 ms on a 2-core machine.
 */
export function useStore<T extends object, S>(store: Store<T>, select: (value: T) => S): S {
  const [selected, setSelected] = useState(() => select(store.get()));
  useLayoutEffect(() => {
    let current = select(store.get());
    setSelected(() => current);
    return store.subscribe((value) => {
      const next = select(value);
      if (!Object.is(next, current)) {
        current = next;
        setSelected(() => next);
      }
    });
    // The selector is expected to be stable in meaning; re-subscribing on every render is wasteful.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return selected;
}
