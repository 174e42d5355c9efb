// Tests of the graph explorer's model: the top level starts collapsed, expanding a group places its
// children inside the group's box and grows it, collapsing restores the first layout (from the
// cache), reveal opens a chain of ancestors, hit testing finds the deepest box; and the dagre layout
// keeps boxes apart and routes every edge. The scene sent to the render worker holds each shown
// group's edges at its origin, and the revision changes whenever what is drawn does. Prefetched
// child groups are fetched once and shared with their expansion; a failed prefetch is retried.
import { describe, expect, it } from 'vitest';
import { GraphExplorer, HEADER, PAD } from '../src/plugins/graphs/explorer';
import type { GraphSpec, GroupResponse, ItemSummary } from '../src/plugins/graphs/graphs_api';
import { LARGE_GROUP, type LayoutRequest } from '../src/plugins/graphs/layout';
import { computeLayout } from '../src/plugins/graphs/layout_dagre';
import { LayoutClient } from '../src/plugins/graphs/layout_client';

function item(id: number, label: string, kind: ItemSummary['kind'], opCount = 1): ItemSummary {
  return { id, name: label, label, kind, op_count: opCount, ext_in: 0, ext_out: 0 };
}

// root: input(1) → enc(2) → out(3); enc: dense(4) → relu(5); dense: w(6) → mm(7).
const GROUPS: Record<number, GroupResponse> = {
  0: {
    group: { ...item(0, '', 'scope', 5), ancestors: [] },
    children: [item(1, 'input', 'op'), item(2, 'enc', 'scope', 3), item(3, 'out', 'op')],
    edges: [
      { source: 1, target: 2, count: 1, control: 0, elements: 16, shapes: ['2×8'] },
      { source: 2, target: 3, count: 1, control: 0, elements: 32, shapes: ['2×16'] },
    ],
  },
  2: {
    group: { ...item(2, 'enc', 'scope', 3), ancestors: [0] },
    children: [item(4, 'dense', 'scope', 2), item(5, 'relu', 'op')],
    edges: [{ source: 4, target: 5, count: 1, control: 0, elements: 32, shapes: ['2×16'] }],
  },
  4: {
    group: { ...item(4, 'dense', 'scope', 2), ancestors: [0, 2] },
    children: [item(6, 'w', 'op'), item(7, 'mm', 'op')],
    edges: [{ source: 6, target: 7, count: 1, control: 0, elements: 128, shapes: ['8×16'] }],
  },
};

function explorer(fetched: number[] = []) {
  const spec: GraphSpec = { run: 'r' };
  return new GraphExplorer(spec, new LayoutClient(), async (_spec, group) => {
    fetched.push(group);
    const response = GROUPS[group];
    if (!response) throw new Error(`no group ${group}`);
    return response;
  });
}

describe('GraphExplorer', () => {
  it('starts with the top level collapsed', async () => {
    const fetched: number[] = [];
    const e = explorer(fetched);
    await e.open();
    expect(fetched).toEqual([0]);
    expect(e.placements().map((p) => p.item.label)).toEqual(['input', 'enc', 'out']);
    expect(e.placements().every((p) => !p.expanded)).toBe(true);
  });

  it('expanding a group shows its children inside its box', async () => {
    const e = explorer();
    await e.open();
    const before = e.placements().find((p) => p.id === 2)!.rect;
    await e.expand(2);
    const placements = e.placements();
    const enc = placements.find((p) => p.id === 2)!;
    expect(enc.expanded).toBe(true);
    expect(enc.rect.height).toBeGreaterThan(before.height);
    for (const id of [4, 5]) {
      const child = placements.find((p) => p.id === id)!.rect;
      expect(child.x).toBeGreaterThanOrEqual(enc.rect.x + PAD - 0.01);
      expect(child.y).toBeGreaterThanOrEqual(enc.rect.y + HEADER - 0.01);
      expect(child.x + child.width).toBeLessThanOrEqual(enc.rect.x + enc.rect.width + 0.01);
      expect(child.y + child.height).toBeLessThanOrEqual(enc.rect.y + enc.rect.height + 0.01);
    }
    await e.collapse(2);
    expect(e.placements().map((p) => p.id)).toEqual([1, 2, 3]);
    expect(e.placements().find((p) => p.id === 2)!.rect).toEqual(before);
  });

  it('prefetches the collapsed child groups of an opened group once, and expands from them', async () => {
    const fetched: number[] = [];
    const e = explorer(fetched);
    await e.open();
    e.prefetchChildren(0);
    // Only group 2 of the root's children is a group; its answer is shared with the expansion.
    e.prefetchChildren(0);
    await e.expand(2);
    expect(fetched).toEqual([0, 2]);
    expect(e.placements().find((p) => p.id === 2)!.expanded).toBe(true);
    e.prefetchChildren(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(fetched).toEqual([0, 2, 4]);
    // Group 4 is not expanded by prefetching: the drawing is unchanged until it is.
    expect(e.placements().find((p) => p.id === 4)!.expanded).toBe(false);
    await e.expand(4);
    expect(fetched).toEqual([0, 2, 4]);
    expect(e.lastFetchMs).toBe(0);
  });

  it('leaves a failed prefetch to the expansion, which fetches again', async () => {
    let failures = 1;
    const fetched: number[] = [];
    const e = new GraphExplorer({ run: 'r' }, new LayoutClient(), async (_spec, group) => {
      fetched.push(group);
      if (group === 2 && failures-- > 0) throw new Error('down');
      return GROUPS[group];
    });
    await e.open();
    e.prefetchChildren(0);
    await new Promise((r) => setTimeout(r, 0));
    await e.expand(2);
    expect(fetched).toEqual([0, 2, 2]);
    expect(e.isExpanded(2)).toBe(true);
  });

  it('its scene holds the edges of the root and of each expanded group, at the group', async () => {
    const e = explorer();
    await e.open();
    const opened = e.revision;
    expect(e.scene().groups.map((g) => g.edges)).toEqual([GROUPS[0].edges]);
    expect(e.scene().groups[0].origin).toEqual({ x: PAD, y: PAD });
    await e.expand(2);
    expect(e.revision).toBeGreaterThan(opened);
    const scene = e.scene();
    const enc = scene.placements.find((p) => p.id === 2)!;
    expect(scene.groups.map((g) => g.edges)).toEqual([GROUPS[0].edges, GROUPS[2].edges]);
    expect(scene.groups[1].origin).toEqual({ x: enc.rect.x + PAD, y: enc.rect.y + HEADER });
    expect(scene.groups.map((g) => g.points.length)).toEqual([2, 1]);
    // It is posted to the render worker: a structured clone must keep all of it.
    expect(structuredClone(scene)).toEqual(scene);
    const expanded = e.revision;
    await e.collapse(2);
    expect(e.revision).toBeGreaterThan(expanded);
    expect(e.scene().groups).toHaveLength(1);
  });

  it('reveal opens every ancestor and hit finds the deepest box', async () => {
    const e = explorer();
    await e.open();
    await e.reveal([0, 2, 4]);
    const mm = e.placements().find((p) => p.id === 7);
    expect(mm).toBeDefined();
    const centre = { x: mm!.rect.x + mm!.rect.width / 2, y: mm!.rect.y + mm!.rect.height / 2 };
    expect(e.hit(centre.x, centre.y)?.id).toBe(7);
    const enc = e.placements().find((p) => p.id === 2)!.rect;
    expect(e.hit(enc.x + 2, enc.y + 2)?.id).toBe(2);
    expect(e.hit(-100, -100)).toBeUndefined();
  });
});

describe('computeLayout', () => {
  it('keeps boxes apart and routes every edge', () => {
    const result = computeLayout({
      key: 'k',
      nodes: [
        { id: 1, width: 60, height: 26 },
        { id: 2, width: 80, height: 38 },
        { id: 3, width: 60, height: 26 },
      ],
      edges: [
        { source: 1, target: 2 },
        { source: 2, target: 3 },
        { source: 1, target: 3 },
      ],
    });
    const boxes = Object.values(result.nodes);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
    }
    expect(result.edges).toHaveLength(3);
    for (const points of result.edges) expect(points.length).toBeGreaterThanOrEqual(2);
    // Bottom-to-top: the input sits below what consumes it.
    expect(result.nodes[1].y).toBeGreaterThan(result.nodes[2].y);
  });
});

describe('layeredGrid (groups over LARGE_GROUP children)', () => {
  it('puts inputs below their consumer, wraps wide layers and never overlaps', () => {
    const count = LARGE_GROUP + 50;
    const nodes = Array.from({ length: count + 1 }, (_, i) => ({ id: i, width: 60, height: 26 }));
    // 0 … count-1 all feed node `count` (like 500 gathers into one cat).
    const edges = Array.from({ length: count }, (_, i) => ({ source: i, target: count }));
    const result = computeLayout({ key: 'big', nodes, edges });
    const sink = result.nodes[count];
    expect(sink.y).toBe(0);
    for (let i = 0; i < count; i++) expect(result.nodes[i].y).toBeGreaterThan(sink.y + sink.height);
    // 200 inputs in rows of 24: 9 rows under the sink.
    const rows = new Set(Array.from({ length: count }, (_, i) => result.nodes[i].y));
    expect(rows.size).toBe(Math.ceil(count / 24));
    const seen = new Set<string>();
    for (const box of Object.values(result.nodes)) {
      const key = `${box.x},${box.y}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(result.edges[0]).toHaveLength(2);
  });
});

describe('large groups', () => {
  // root: one scope `big` of LARGE_GROUP + 10 ops in a chain.
  const count = LARGE_GROUP + 10;
  const children = Array.from({ length: count }, (_, i) => item(100 + i, `op${i}`, 'op'));
  const big: Record<number, GroupResponse> = {
    0: { group: { ...item(0, '', 'scope', count), ancestors: [] }, children: [item(1, 'big', 'scope', count)], edges: [] },
    1: {
      group: { ...item(1, 'big', 'scope', count), ancestors: [0] },
      children,
      edges: children.slice(1).map((c, i) => ({ source: 100 + i, target: c.id, count: 1, control: 0, elements: 0, shapes: [] })),
    },
  };

  /** A client whose dagre refinements wait until `release` is called. */
  class GatedClient extends LayoutClient {
    release!: () => void;
    private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
    refine(request: LayoutRequest) {
      return this.gate.then(() => super.refine(request));
    }
  }

  it('shows bands first, then swaps in dagre’s layout and tells the view', async () => {
    const client = new GatedClient();
    const e = new GraphExplorer({ run: 'r' }, client, async (_spec, group) => big[group]);
    const changed: number[] = [];
    const refined = new Promise<void>((resolve) => {
      e.onChange = (group) => {
        changed.push(group);
        resolve();
      };
    });
    await e.open();
    await e.expand(1);
    // Bands: rows of at most 24 boxes, so a 160-op chain is one op per layer, 160 rows.
    const banded = e.layoutOf(1)!;
    expect(banded.key.endsWith('\u0002full')).toBe(false);
    expect(new Set(Object.values(banded.nodes).map((n) => n.y)).size).toBe(count);
    expect(banded.edges[0]).toHaveLength(2);
    client.release();
    await refined;
    expect(changed).toEqual([1]);
    const full = e.layoutOf(1)!;
    expect(full.key.endsWith('\u0002full')).toBe(true);
    // dagre routes the chain bottom to top, one rank per op, every edge drawn.
    expect(full.nodes[100].y).toBeGreaterThan(full.nodes[101].y);
    expect(full.edges.every((points) => points.length >= 2)).toBe(true);
    // The parent was laid out again around the new size.
    const placed = e.placements().find((p) => p.id === 1)!;
    expect(placed.rect.height).toBeGreaterThanOrEqual(full.height);
    // Collapsing and expanding again uses the cached dagre layout at once.
    await e.collapse(1);
    await e.expand(1);
    expect(e.layoutOf(1)).toBe(full);
  });

  it('drops a refinement that arrives after the group was collapsed', async () => {
    const client = new GatedClient();
    const e = new GraphExplorer({ run: 'r' }, client, async (_spec, group) => big[group]);
    let calls = 0;
    e.onChange = () => calls++;
    await e.open();
    await e.expand(1);
    await e.collapse(1);
    client.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(0);
  });
});
