// Mouse input that reaches a chart before its uPlot is built (its module still loading, see
// uplot_module.ts), recorded and then replayed into uPlot once it is, so that a box-zoom drag, a
// click or a hover that started early has the effect it would have had with uPlot there: the
// press, the moves (consecutive moves kept as the last one), the release, clicks and the pointer
// leaving, as events dispatched on uPlot's `over` element (a release outside it on the document,
// where uPlot listens for it during a drag). A drag still held when uPlot arrives goes on with the
// real events from there.
// Positions are recorded relative to the chart's element and replayed relative to the plot box
// (uPlot's `over`), so that a scroll in between does not move them. Whether an event was over the
// plot box is the browser's hit test at the time (its target was the plot box's element), not its
// position: a plot box partly out of the viewport gets no events there, as uPlot's `over` would not.
// Owned by a ScalarChart; UI thread only.

/** The kinds of input recorded; `leave` is the pointer leaving the chart's element. */
export type EarlyInputKind = 'mousedown' | 'mousemove' | 'mouseup' | 'click' | 'dblclick' | 'leave';

/** One recorded input, at a position relative to the chart's element (CSS pixels). */
export interface EarlyInputEntry {
  kind: EarlyInputKind;
  x: number;
  y: number;
  /** The event's target was the plot box's element (or inside it). */
  inPlot: boolean;
}

/** One event to dispatch into uPlot, at a position relative to its plot box. */
export interface ReplayEvent {
  type: 'mouseenter' | 'mousedown' | 'mousemove' | 'mouseup' | 'click' | 'dblclick' | 'mouseleave';
  x: number;
  y: number;
  /** Dispatched on the document rather than on `over` (a release outside the plot box). */
  onDocument: boolean;
  /** The mouse buttons held (1: the left one), as `MouseEvent.buttons`. */
  buttons: number;
  movementX: number;
  movementY: number;
}

/** The plot box inside the chart's element (CSS pixels). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Inputs kept at most; past it the oldest are dropped (a wait long enough for this is a failure). */
const MAX_ENTRIES = 256;

/**
 * Appends `entry` to `log`, a move right after a move on the same side of the plot box's edge
 * replacing it (the last move inside before leaving is where uPlot's drag ends).
 */
export function recordInput(log: EarlyInputEntry[], entry: EarlyInputEntry): void {
  const last = log[log.length - 1];
  if (entry.kind === 'mousemove' && last?.kind === 'mousemove' && last.inPlot === entry.inPlot) log[log.length - 1] = entry;
  else log.push(entry);
  if (log.length > MAX_ENTRIES) log.splice(0, log.length - MAX_ENTRIES);
}

/**
 * The events that give uPlot, built over `box`, the input of `log` as it would have seen it: moves
 * over the plot box (entering it first), leaving it when a move went elsewhere or the pointer left
 * the chart, a press on it and its release (anywhere), clicks on it. A press elsewhere is not
 * uPlot's, nor its release.
 */
export function replayPlan(log: readonly EarlyInputEntry[], box: Box): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  let inside = false;
  let pressed = false;
  let last: { x: number; y: number } | null = null;
  const emit = (type: ReplayEvent['type'], entry: EarlyInputEntry, onDocument = false) => {
    const x = entry.x - box.left;
    const y = entry.y - box.top;
    const move = type === 'mousemove';
    let movementX = move && last ? x - last.x : 0;
    const movementY = move && last ? y - last.y : 0;
    // uPlot ignores a move of no distance during a drag (a stray event of some browsers).
    if (move && movementX === 0 && movementY === 0) movementX = 1;
    if (move || type === 'mousedown') last = { x, y };
    events.push({ type, x, y, onDocument, buttons: pressed ? 1 : 0, movementX, movementY });
  };
  const leave = (entry: EarlyInputEntry) => {
    if (!inside) return;
    inside = false;
    emit('mouseleave', entry);
  };
  for (const entry of log) {
    const within = entry.kind !== 'leave' && entry.inPlot;
    if (within && !inside && entry.kind !== 'mouseup') {
      inside = true;
      emit('mouseenter', entry);
    }
    switch (entry.kind) {
      case 'mousemove':
        if (within) emit('mousemove', entry);
        else leave(entry);
        break;
      case 'mousedown':
        if (within) {
          pressed = true;
          emit('mousedown', entry);
        }
        break;
      case 'mouseup':
        if (pressed) {
          pressed = false;
          emit('mouseup', entry, !inside);
        }
        break;
      case 'click':
      case 'dblclick':
        if (within) emit(entry.kind, entry);
        break;
      case 'leave':
        leave(entry);
        break;
    }
  }
  return events;
}

/** Records a chart element's mouse input from `start()` until `replay()` or `stop()`. */
export class EarlyInput {
  private log: EarlyInputEntry[] = [];
  /** A left press on the chart is held: its moves and release are recorded wherever they are. */
  private pressed = false;
  private recording = false;

  /** `root` is the chart's element; `plotClass` the class of the plot box's element inside it. */
  constructor(
    private readonly root: HTMLElement,
    private readonly plotClass: string,
  ) {}

  get active(): boolean {
    return this.recording;
  }

  /** Starts recording (nothing if it is already). */
  start(): void {
    if (this.recording) return;
    this.recording = true;
    this.listen(true);
  }

  /** Stops recording and forgets what was recorded. */
  stop(): void {
    if (!this.recording) return;
    this.recording = false;
    this.pressed = false;
    this.log = [];
    this.listen(false);
  }

  private listen(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    for (const type of ['mousedown', 'click', 'dblclick', 'mouseleave'] as const) this.root[method](type, this.onRootEvent);
    // Captured on the window: a drag's moves and release may be anywhere.
    for (const type of ['mousemove', 'mouseup'] as const) window[method](type, this.onWindowEvent, true);
  }

  /**
   * Dispatches what was recorded on `over` (uPlot's plot box element, lying over `box` of the
   * chart's element), then stops recording.
   */
  replay(over: HTMLElement, box: Box): void {
    const plan = replayPlan(this.log, box);
    this.stop();
    const rect = over.getBoundingClientRect();
    for (const event of plan) {
      const bubbles = event.type !== 'mouseenter' && event.type !== 'mouseleave';
      const init: MouseEventInit = {
        bubbles,
        cancelable: bubbles,
        view: window,
        clientX: rect.left + event.x,
        clientY: rect.top + event.y,
        button: 0,
        buttons: event.buttons,
        detail: event.type === 'dblclick' ? 2 : event.type === 'click' ? 1 : 0,
        movementX: event.movementX,
        movementY: event.movementY,
      };
      (event.onDocument ? document : over).dispatchEvent(new MouseEvent(event.type, init));
    }
  }

  private readonly onRootEvent = (event: Event): void => {
    const e = event as MouseEvent;
    if (e.type === 'mousedown') {
      if (e.button !== 0) return;
      this.pressed = true;
    }
    this.add(e.type === 'mouseleave' ? 'leave' : (e.type as EarlyInputKind), e);
  };

  private readonly onWindowEvent = (event: Event): void => {
    const e = event as MouseEvent;
    if (e.type === 'mouseup') {
      if (!this.pressed || e.button !== 0) return;
      this.pressed = false;
      this.add('mouseup', e);
    } else if (this.pressed || this.root.contains(e.target as Node)) {
      this.add('mousemove', e);
    }
  };

  private add(kind: EarlyInputKind, e: MouseEvent): void {
    const rect = this.root.getBoundingClientRect();
    const target = e.target instanceof Element ? e.target : null;
    const inPlot = kind !== 'leave' && target !== null && this.root.contains(target) && target.closest(`.${this.plotClass}`) !== null;
    recordInput(this.log, { kind, x: e.clientX - rect.left, y: e.clientY - rect.top, inPlot });
  }
}
