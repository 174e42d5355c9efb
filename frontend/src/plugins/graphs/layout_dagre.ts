// Layered layout of one group's direct children with dagre (bottom to top, like the data flow).
// Runs in the layout workers (and, in tests without workers, on the calling thread): a group of more
// than LARGE_GROUP children gets the quick banded layout unless the request asks for the full one.
import dagre from '@dagrejs/dagre';
import { LARGE_GROUP, type LayoutRequest, type LayoutResult, type PlacedNode, layeredGrid } from './layout';

export function computeLayout(request: LayoutRequest): LayoutResult {
  if (request.nodes.length > LARGE_GROUP && !request.full) return layeredGrid(request);
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
