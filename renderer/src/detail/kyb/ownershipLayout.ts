// Top-down positions for the ownership graph (dagre): the company on top, its owners below, UBOs at the bottom.
import * as dagreModule from '@dagrejs/dagre';
import type { OwnershipGraphEdge, OwnershipGraphNode } from '../../../../shared/ownership.js';

// dagre is CommonJS: Node's ESM loader exposes it as `default`, the bundler as named exports.
const dagre = (dagreModule as unknown as { default?: typeof dagreModule }).default ?? dagreModule;

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 72;

export interface PositionedNode extends OwnershipGraphNode {
  x: number;
  y: number;
}

/** Top-left corner of each node, laid out rank by rank from the company down. */
export function layoutOwnership(
  nodes: readonly OwnershipGraphNode[],
  edges: readonly OwnershipGraphEdge[],
): PositionedNode[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 80, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  return nodes.map((node) => {
    const { x, y } = graph.node(node.id);
    return { ...node, x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 };
  });
}
