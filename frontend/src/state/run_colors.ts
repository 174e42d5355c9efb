// Stable run colours: a run keeps the colour of the palette slot it was first given.
//
// Slots are handed out in first-seen order and remembered (in localStorage through the injected
// `SlotStorage`), so a run keeps its colour across reloads and when new runs appear. The palette
// follows TensorBoard's colour-blind-friendly one, extended with further distinct hues.

export const RUN_PALETTE: readonly string[] = [
  '#ff7043', '#0077bb', '#cc3311', '#33bbee', '#ee3377', '#009988', '#bbbbbb',
  '#8e24aa', '#43a047', '#fdd835', '#6d4c41', '#3949ab', '#00acc1', '#c0ca33',
];

/** Where the run → slot map is kept between page loads. */
export interface SlotStorage {
  load(): Record<string, number>;
  save(slots: Record<string, number>): void;
}

export function localSlotStorage(key = 'tbx.runColorSlots'): SlotStorage {
  return {
    load() {
      try {
        const parsed = JSON.parse(localStorage.getItem(key) ?? '{}') as unknown;
        return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
      } catch {
        return {};
      }
    },
    save(slots) {
      try {
        localStorage.setItem(key, JSON.stringify(slots));
      } catch {
        // Storage full or disabled: colours stay stable for this page only.
      }
    },
  };
}

/** Assigns and remembers colour slots. Not thread-shared; the UI thread owns it. */
export class RunColors {
  private readonly slots: Record<string, number>;
  private nextSlot: number;
  /** Run → colour, for the runs asked for so far (slots never change once given). */
  private readonly colors = new Map<string, string>();

  constructor(private readonly storage: SlotStorage) {
    this.slots = storage.load();
    this.nextSlot = 0;
    for (const slot of Object.values(this.slots)) {
      if (Number.isInteger(slot) && slot >= this.nextSlot) this.nextSlot = slot + 1;
    }
  }

  /** Gives every run without a slot the next one, in the order given; saves if any was new. */
  assign(runs: readonly string[]): void {
    let changed = false;
    for (const run of runs) {
      if (!Object.prototype.hasOwnProperty.call(this.slots, run)) {
        this.slots[run] = this.nextSlot++;
        changed = true;
      }
    }
    if (changed) this.storage.save(this.slots);
  }

  /**
   * The colour of `run` (assigning a slot first if it has none). Answered from a Map once known: a
   * chart of 5,000 runs asks for each run's colour with names freshly decoded from its answer, and
   * looking such strings up as keys of the slots object cost microseconds each.
   */
  color(run: string): string {
    let color = this.colors.get(run);
    if (color === undefined) {
      if (!Object.prototype.hasOwnProperty.call(this.slots, run)) this.assign([run]);
      color = RUN_PALETTE[this.slots[run] % RUN_PALETTE.length];
      this.colors.set(run, color);
    }
    return color;
  }
}
