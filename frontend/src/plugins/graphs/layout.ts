// Layered layout of one group's direct children with dagre. Pure: runs in the layout worker (and in
// tests). Sizes come in, positions (top-left corners) and edge polylines come out, all relative to
// the group's content box.
import dagre from '@dagrejs/dagre';

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
  /** Milliseconds dagre took. */
  ms: number;
}

export function computeLayout(request: LayoutRequest): LayoutResult {
  const start = performance.now();
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'BT', nodesep: 18, ranksep: 36, edgesep: 8, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of request.nodes) graph.setNode(String(node.id), { width: node.width, height: node.height });
  request.edges.forEach((edge, index) => {
    if (edge.source !== edge.target) graph.setEdge(String(edge.source), String(edge.target), {}, String(index));
  });
  dagre.layout(graph);
  const nodes: Record<number, PlacedNode> = {};
  let width = 0;
  let height = 0;
  for (const node of request.nodes) {
    const placed = graph.node(String(node.id)) as { x: number; y: number; width: number; height: number };
    const x = placed.x - node.width / 2;
    const y = placed.y - node.height / 2;
    nodes[node.id] = { x, y, width: node.width, height: node.height };
    width = Math.max(width, x + node.width);
    height = Math.max(height, y + node.height);
  }
  const edges = request.edges.map((edge, index) => {
    if (edge.source === edge.target) return [];
    const label = graph.edge(String(edge.source), String(edge.target), String(index)) as
      | { points?: { x: number; y: number }[] }
      | undefined;
    return (label?.points ?? []).map((p): [number, number] => [p.x, p.y]);
  });
  return { key: request.key, width, height, nodes, edges, ms: performance.now() - start };
}
