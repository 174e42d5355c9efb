// The explorer's model of one graph: which groups are fetched and expanded, and the layout of each
// expanded group (its direct children only, from the layout worker). An expanded child is sized by
// its own layout, so expanding a group re-lays out that group and then each ancestor; every layout
// is cached by the sizes it was computed with. A large group is first shown in banded layers; when
// dagre's layout of it arrives from the second worker it replaces them (and the ancestors are laid
// out again), and `onChange` asks the view to redraw. After a group opens, prefetchChildren fetches
// its collapsed child groups in the background (a few, each of bounded size) and lays out those
// whose first layout is cheap, so expanding one of them next waits for neither the server nor the
// worker. Geometry helpers walk the expanded tree in absolute coordinates for drawing and hit
// testing. UI thread only.
import type { Scene } from './draw';
import type { GraphSpec, GroupResponse, ItemSummary } from './graphs_api';
import type { LayoutClient } from './layout_client';
import { LARGE_GROUP, REFINE_MAX, type LayoutRequest, type LayoutResult } from './layout';
import { fullKey } from './layout_client';

export const PAD = 12;
export const HEADER = 26;
export const OP_HEIGHT = 26;
export const GROUP_HEIGHT = 38;
const CHAR_WIDTH = 7;
/** prefetchChildren fetches at most this many child groups of an opened group. */
export const PREFETCH_MAX = 8;
/** …and lays out those of at most this many children (dagre, a few ms) or more than LARGE_GROUP
 * (banded layers, a few ms); dagre's layout of the groups between can take 100 ms of a worker. */
export const PREFETCH_LAYOUT_SMALL = 40;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Placement {
  id: number;
  item: ItemSummary;
  rect: Rect;
  expanded: boolean;
  depth: number;
}

/** The box of a collapsed item: wide enough for its label. */
export function collapsedSize(item: ItemSummary): { width: number; height: number } {
  const text = item.kind === 'op' ? item.label : `${item.label}  ${item.op_count}`;
  const width = Math.min(260, Math.max(item.kind === 'op' ? 48 : 80, text.length * CHAR_WIDTH + 20));
  return { width, height: item.kind === 'op' ? OP_HEIGHT : GROUP_HEIGHT };
}

export type GroupFetcher = (spec: GraphSpec, group: number) => Promise<GroupResponse>;

export class GraphExplorer {
  readonly groups = new Map<number, GroupResponse>();
  readonly expanded = new Set<number>([0]);
  readonly items = new Map<number, ItemSummary>();
  readonly parent = new Map<number, number>();
  private readonly layouts = new Map<number, LayoutResult>();
  /** Group fetches under way (expansions and prefetches share them). */
  private readonly pending = new Map<number, Promise<GroupResponse>>();
  /** Time spent fetching groups and in the layout worker during the last operation (ms). */
  lastFetchMs = 0;
  lastLayoutMs = 0;
  /** Bumped whenever what is drawn changes (a group expanded or collapsed, a layout replaced). */
  revision = 0;
  /** Called when a background layout replaced a shown one (the view should redraw). */
  onChange?: (group: number) => void;
  private disposed = false;

  constructor(
    readonly spec: GraphSpec,
    private readonly client: LayoutClient,
    private readonly fetchGroup: GroupFetcher,
  ) {}

  get root(): GroupResponse | undefined {
    return this.groups.get(0);
  }

  /** Fetches and lays out the top level. */
  async open(): Promise<void> {
    await this.ensureGroup(0);
    await this.relayout(0);
  }

  /** Stops background refinements from changing this explorer (it is no longer shown). */
  dispose(): void {
    this.disposed = true;
  }

  isExpanded(id: number): boolean {
    return this.expanded.has(id);
  }

  async expand(id: number): Promise<void> {
    this.lastFetchMs = 0;
    this.lastLayoutMs = 0;
    const item = this.items.get(id);
    if (!item || item.kind === 'op' || this.expanded.has(id)) return;
    await this.ensureGroup(id);
    this.expanded.add(id);
    this.revision++;
    await this.relayoutUp(id);
  }

  async collapse(id: number): Promise<void> {
    if (id === 0 || !this.expanded.delete(id)) return;
    this.revision++;
    const parent = this.parent.get(id);
    if (parent !== undefined) await this.relayoutUp(parent);
  }

  async toggle(id: number): Promise<void> {
    if (this.expanded.has(id)) await this.collapse(id);
    else await this.expand(id);
  }

  /** Expands every group in `ancestors` (root first), so their last member's children show. */
  async reveal(ancestors: number[]): Promise<void> {
    const toExpand: number[] = [];
    for (const id of ancestors) {
      if (id === 0) continue;
      await this.ensureGroup(this.parent.get(id) ?? 0);
      await this.ensureGroup(id);
      if (!this.expanded.has(id)) toExpand.push(id);
    }
    for (const id of toExpand) this.expanded.add(id);
    this.revision++;
    // Lay out the deepest first so each parent sees its children's sizes.
    for (const id of [...toExpand].reverse()) await this.relayout(id);
    if (toExpand.length > 0) await this.relayoutUp(this.parent.get(toExpand[0]) ?? 0);
  }

  layoutOf(id: number): LayoutResult | undefined {
    return this.layouts.get(id);
  }

  /** Size of the whole drawing. */
  bounds(): { width: number; height: number } {
    const root = this.layouts.get(0);
    return root ? { width: root.width + 2 * PAD, height: root.height + 2 * PAD } : { width: 0, height: 0 };
  }

  /** Every drawn item with its absolute box, parents before children. */
  placements(): Placement[] {
    const out: Placement[] = [];
    const walk = (group: number, ox: number, oy: number, depth: number) => {
      const layout = this.layouts.get(group);
      const response = this.groups.get(group);
      if (!layout || !response) return;
      for (const child of response.children) {
        const placed = layout.nodes[child.id];
        if (!placed) continue;
        const rect = { x: ox + placed.x, y: oy + placed.y, width: placed.width, height: placed.height };
        const expanded = this.expanded.has(child.id) && this.layouts.has(child.id);
        out.push({ id: child.id, item: child, rect, expanded, depth });
        if (expanded) walk(child.id, rect.x + PAD, rect.y + HEADER, depth + 1);
      }
    };
    walk(0, PAD, PAD, 0);
    return out;
  }

  /** What the renderer draws: `placements` and the edges of the root and every expanded group. */
  scene(placements = this.placements()): Scene {
    const groups: Scene['groups'] = [];
    for (const id of [0, ...placements.filter((p) => p.expanded).map((p) => p.id)]) {
      const layout = this.layouts.get(id);
      const response = this.groups.get(id);
      const origin = this.originOf(id, placements);
      if (layout && response && origin) groups.push({ origin, edges: response.edges, points: layout.edges });
    }
    return { placements, groups };
  }

  /** The absolute origin of an expanded group's content box. */
  originOf(group: number, placements: Placement[]): { x: number; y: number } | undefined {
    if (group === 0) return { x: PAD, y: PAD };
    const placed = placements.find((p) => p.id === group);
    return placed ? { x: placed.rect.x + PAD, y: placed.rect.y + HEADER } : undefined;
  }

  /** The deepest drawn item under the point, if any. */
  hit(x: number, y: number, placements = this.placements()): Placement | undefined {
    let best: Placement | undefined;
    for (const p of placements) {
      if (x >= p.rect.x && x <= p.rect.x + p.rect.width && y >= p.rect.y && y <= p.rect.y + p.rect.height) {
        if (!best || p.depth >= best.depth) best = p;
      }
    }
    return best;
  }

  /**
   * Starts fetching the collapsed groups among `id`'s children that are not known yet (at most
   * PREFETCH_MAX, each of at most REFINE_MAX children), and lays out each fetched one whose first
   * layout is cheap, so its expansion finds both ready. Failures are left to the expansion.
   */
  prefetchChildren(id: number): void {
    const response = this.groups.get(id);
    if (!response || this.disposed) return;
    let started = 0;
    for (const child of response.children) {
      if (started >= PREFETCH_MAX) break;
      if (child.kind === 'op' || this.groups.has(child.id) || this.pending.has(child.id)) continue;
      if ((child.child_count ?? 0) > REFINE_MAX) continue;
      started++;
      this.loadGroup(child.id)
        .then(() => {
          if (this.disposed || this.expanded.has(child.id)) return;
          const request = this.layoutRequest(child.id)!;
          const n = request.nodes.length;
          if (n <= PREFETCH_LAYOUT_SMALL || n > LARGE_GROUP) return this.client.layout(request);
          return undefined;
        })
        .catch(() => undefined);
    }
  }

  private async ensureGroup(id: number): Promise<GroupResponse> {
    const known = this.groups.get(id);
    if (known) return known;
    const start = performance.now();
    const response = await this.loadGroup(id);
    this.lastFetchMs += performance.now() - start;
    return response;
  }

  /** The group's answer, fetched once however many callers wait for it. */
  private loadGroup(id: number): Promise<GroupResponse> {
    let loading = this.pending.get(id);
    if (!loading) {
      loading = this.fetchGroup(this.spec, id)
        .then((response) => {
          this.groups.set(id, response);
          this.items.set(id, response.group);
          for (const child of response.children) {
            this.items.set(child.id, child);
            this.parent.set(child.id, id);
          }
          return response;
        })
        .finally(() => this.pending.delete(id));
      this.pending.set(id, loading);
    }
    return loading;
  }

  private sizeOf(item: ItemSummary): { width: number; height: number } {
    const layout = this.expanded.has(item.id) ? this.layouts.get(item.id) : undefined;
    if (!layout) return collapsedSize(item);
    const label = collapsedSize(item).width;
    return { width: Math.max(label, layout.width + 2 * PAD), height: layout.height + HEADER + PAD };
  }

  /** The layout request of a fetched group, with its children at their current sizes. */
  private layoutRequest(id: number): LayoutRequest | undefined {
    const response = this.groups.get(id);
    if (!response) return undefined;
    const nodes = response.children.map((child) => ({ id: child.id, ...this.sizeOf(child) }));
    const expandedSizes = nodes
      .filter((n) => this.expanded.has(n.id) && this.layouts.has(n.id))
      .map((n) => `${n.id}:${Math.round(n.width)}x${Math.round(n.height)}`)
      .join(',');
    const key = `${this.spec.run}\u0001${this.spec.tag ?? ''}\u0001${this.spec.conceptual ? 1 : 0}\u0001${id}\u0001${expandedSizes}`;
    const edges = response.edges.map((e) => ({ source: e.source, target: e.target }));
    return { key, nodes, edges };
  }

  private async relayout(id: number): Promise<void> {
    const request = this.layoutRequest(id);
    if (!request) return;
    const { key, nodes } = request;
    const refined = this.client.cached(fullKey(key));
    if (refined) {
      this.layouts.set(id, refined);
      this.revision++;
      return;
    }
    const start = performance.now();
    this.layouts.set(id, await this.client.layout(request));
    this.revision++;
    this.lastLayoutMs += performance.now() - start;
    if (nodes.length > LARGE_GROUP && nodes.length <= REFINE_MAX) this.refineLater(id, request);
  }

  /** Asks for dagre's layout of a large group; swaps it in if the group still shows the bands. */
  private refineLater(id: number, request: LayoutRequest): void {
    this.client
      .refine(request)
      .then(async () => {
        if (this.disposed || !this.expanded.has(id) || this.layouts.get(id)?.key !== request.key) return;
        await this.relayoutUp(id);
        if (!this.disposed) this.onChange?.(id);
      })
      .catch(() => {
        /* the bands stay */
      });
  }

  private async relayoutUp(id: number): Promise<void> {
    for (let group: number | undefined = id; group !== undefined; group = this.parent.get(group)) {
      if (group !== id || this.expanded.has(group)) await this.relayout(group);
      if (group === 0) break;
    }
  }
}
