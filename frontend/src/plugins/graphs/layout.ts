// Layouts of one group's direct children: the types shared by the explorer, the layout client and
// the layout workers, and the quick banded layout (layeredGrid) used for large groups until dagre's
// layered layout of them arrives (layout_dagre.ts, in a worker). Pure; any thread. Sizes come in,
// positions (top-left corners) and edge polylines come out, all relative to the group's content box.

export interface LayoutNode {
  id: number;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: number;
  target: number;
}

export interface LayoutRequest {
  key: string;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** Lay out with dagre whatever the group's size (the background refinement of a large group). */
  full?: boolean;
}

export interface PlacedNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutResult {
  key: string;
  width: number;
  height: number;
  /** By node id. */
  nodes: Record<number, PlacedNode>;
  /** One polyline per request edge, in request order. */
  edges: [number, number][][];
  /** Milliseconds the layout took. */
  ms: number;
}

/**
 * Groups with more children than this are first shown in banded layers (layeredGrid, a few
 * milliseconds), as dagre's crossing minimisation takes seconds with hundreds of siblings; dagre's
 * layout replaces the bands when a second worker has computed it, for groups of up to REFINE_MAX
 * children (beyond that the bands stay).
 */
export const LARGE_GROUP = 150;
export const REFINE_MAX = 1500;
const GRID_COLUMNS = 24;
const GAP_X = 18;
const GAP_Y = 36;

/**
 * A fast layered layout: longest-path layers from the inputs up (nodes on cycles join the last
 * layer), each layer wrapped into rows of at most GRID_COLUMNS boxes; edges are straight lines
 * from the top of the source to the bottom of the target.
 */
export function layeredGrid(request: LayoutRequest): LayoutResult {
  const start = performance.now();
  const index = new Map(request.nodes.map((n, i) => [n.id, i]));
  const n = request.nodes.length;
  const indegree = new Array<number>(n).fill(0);
  const next: number[][] = Array.from({ length: n }, () => []);
  for (const e of request.edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    next[a].push(b);
    indegree[b]++;
  }
  const layer = new Array<number>(n).fill(0);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  const done = new Array<boolean>(n).fill(false);
  for (let head = 0; head < queue.length; head++) {
    const a = queue[head];
    done[a] = true;
    for (const b of next[a]) {
      layer[b] = Math.max(layer[b], layer[a] + 1);
      if (--indegree[b] === 0) queue.push(b);
    }
  }
  const maxLayer = Math.max(0, ...layer);
  for (let i = 0; i < n; i++) if (!done[i]) layer[i] = maxLayer + 1;
  const layers: number[][] = [];
  for (let i = 0; i < n; i++) (layers[layer[i]] ??= []).push(i);
  // Bottom-to-top like dagre's 'BT': layer 0 at the bottom. Rows are placed top-down, so go from
  // the last layer to the first.
  const nodes: Record<number, PlacedNode> = {};
  let y = 0;
  let width = 0;
  for (let l = layers.length - 1; l >= 0; l--) {
    const members = layers[l] ?? [];
    for (let r = 0; r < members.length; r += GRID_COLUMNS) {
      const row = members.slice(r, r + GRID_COLUMNS);
      let x = 0;
      let rowHeight = 0;
      for (const i of row) {
        const node = request.nodes[i];
        nodes[node.id] = { x, y, width: node.width, height: node.height };
        x += node.width + GAP_X;
        rowHeight = Math.max(rowHeight, node.height);
      }
      width = Math.max(width, x - GAP_X);
      y += rowHeight + GAP_Y;
    }
  }
  const edges = request.edges.map((e): [number, number][] => {
    const a = nodes[e.source];
    const b = nodes[e.target];
    if (!a || !b || e.source === e.target) return [];
    return [
      [a.x + a.width / 2, a.y],
      [b.x + b.width / 2, b.y + b.height],
    ];
  });
  return { key: request.key, width, height: Math.max(0, y - GAP_Y), nodes, edges, ms: performance.now() - start };
}
