// Top-down positions for the ownership graph (dagre): the company on top, its owners below, UBOs at the bottom.
import * as dagreModule from '@dagrejs/dagre';
import { canonicalStatus } from '../../../../shared/didit/statuses.js';
import type { OwnershipGraphEdge, OwnershipGraphNode } from '../../../../shared/ownership.js';

// dagre is CommonJS: Node's ESM loader exposes it as `default`, the bundler as named exports.
const dagre = (dagreModule as unknown as { default?: typeof dagreModule }).default ?? dagreModule;

// Narrow enough that four owners side by side fit a 1280 px window at a legible zoom; tall enough for a name on two
// lines, the type and share, and the KYC line (names wrap, never cut off).
export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 100;
/** fitView never shrinks the graph below this: a wider structure is panned, its labels stay legible. */
export const MIN_FIT_ZOOM = 0.9;

/** How a node is drawn and announced: a UBO who failed KYC stands out whatever their share. */
export interface OwnerMarks {
  /** At or above the beneficial-owner threshold. */
  aboveThreshold: boolean;
  /** A person whose linked KYC session was declined. */
  kycDeclined: boolean;
}

export function ownerMarks(node: Pick<OwnershipGraphNode, 'entityType' | 'aboveThreshold' | 'kycStatus'>): OwnerMarks {
  return {
    aboveThreshold: node.aboveThreshold,
    kycDeclined:
      node.entityType === 'person' && node.kycStatus !== null && canonicalStatus(node.kycStatus) === 'Declined',
  };
}

/** The node's CSS classes: its entity type and each of its marks. */
export function ownerClassName(node: Pick<OwnershipGraphNode, 'entityType' | 'aboveThreshold' | 'kycStatus'>): string {
  const marks = ownerMarks(node);
  return [
    'kyb-owner',
    `kyb-owner-${node.entityType}`,
    marks.aboveThreshold ? 'kyb-above-threshold' : null,
    marks.kycDeclined ? 'kyb-kyc-declined' : null,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The room an edge's percentage label takes: dagre keeps it clear of the nodes. */
export const EDGE_LABEL_WIDTH = 64;
export const EDGE_LABEL_HEIGHT = 20;

export interface PositionedNode extends OwnershipGraphNode {
  x: number;
  y: number;
}

export interface RoutedEdge extends OwnershipGraphEdge {
  /** Where dagre routed the edge between its two ends (around the nodes of the ranks it crosses). */
  bends: { x: number; y: number }[];
  /** The centre of the percentage label, in a spot dagre reserved for it. */
  labelX: number;
  labelY: number;
}

/**
 * Top-left corner of each node, laid out rank by rank from the company down, and each edge's route and label spot
 * (an edge that skips a rank bends around that rank's nodes, and its label never sits on one).
 */
export function layoutOwnership(
  nodes: readonly OwnershipGraphNode[],
  edges: readonly OwnershipGraphEdge[],
): { nodes: PositionedNode[]; edges: RoutedEdge[] } {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 72, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) {
    graph.setEdge(edge.source, edge.target, { width: EDGE_LABEL_WIDTH, height: EDGE_LABEL_HEIGHT, labelpos: 'c' });
  }
  dagre.layout(graph);
  return {
    nodes: nodes.map((node) => {
      const { x, y } = graph.node(node.id);
      return { ...node, x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 };
    }),
    edges: edges.map((edge) => {
      const routed = graph.edge(edge.source, edge.target) as {
        points?: { x: number; y: number }[];
        x?: number;
        y?: number;
      };
      const points = routed.points ?? [];
      const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
      return {
        ...edge,
        // The ends are the nodes' handles (drawn by React Flow); only the bends in between are dagre's.
        bends: points.slice(1, -1),
        labelX: routed.x ?? mid.x,
        labelY: routed.y ?? mid.y,
      };
    }),
  };
}

/** A smooth top-down path from `points[0]` through every bend to the last point: vertical tangents at each point. */
export function ownershipPath(points: readonly { x: number; y: number }[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M ${first.x},${first.y}`;
  let prev = first;
  for (const p of rest) {
    const midY = (prev.y + p.y) / 2;
    d += ` C ${prev.x},${midY} ${p.x},${midY} ${p.x},${p.y}`;
    prev = p;
  }
  return d;
}
