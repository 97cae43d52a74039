/**
 * Effective (look-through) ownership of a KYB company from its registry `ownership_structure`
 * (didit-api.md section 3): percentages are multiplied along each path from the company to an ultimate owner and
 * summed across paths. The same owner reached through two paths is recognised by `id`, else by name.
 * Pure and exact: rounding is left to whoever displays the numbers.
 */
import type { OwnershipNode } from './session.js';

/** The usual beneficial-ownership threshold, in percent. */
export const UBO_THRESHOLD_PERCENT = 25;
/** Partner data is untrusted: deeper trees or bigger ones are cut off rather than recursed into. */
export const MAX_OWNERSHIP_DEPTH = 32;
export const MAX_OWNERSHIP_NODES = 5_000;

export interface EffectiveOwner {
  /** The owner's `id`, or a key derived from its name when the partner sent none. */
  id: string;
  name: string;
  entityType: 'person' | 'company';
  /** Percent of the company owned through every path together (0..100, unrounded). */
  effective: number;
  /** Each path as names, from the company's direct owner down to this owner. */
  paths: string[][];
}

export interface OwnershipGraphNode {
  id: string;
  name: string;
  /** `root` is the company under review. */
  entityType: 'person' | 'company' | 'root';
  /** For ultimate owners (no owners of their own): their effective percent; otherwise null. */
  effective: number | null;
  aboveThreshold: boolean;
  kycStatus: string | null;
}

export interface OwnershipGraphEdge {
  id: string;
  /** The owned entity (higher in the top-down graph). */
  source: string;
  /** The owner. */
  target: string;
  percentage: number;
}

export const ROOT_NODE_ID = 'root';

/** The identity of a node across paths: its `id` when it has one, else its normalised name. */
export function ownerKey(node: Pick<OwnershipNode, 'id' | 'name'>): string {
  const id = node.id?.trim();
  return id ? `id:${id}` : `name:${node.name.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

interface Visit {
  node: OwnershipNode;
  parentKey: string;
  /** Percent of the company held through this path (kept in percent: 100 * 55 / 100 is exactly 55). */
  share: number;
  path: string[];
}

/** Every node reached from the company with its path share, level by level, bounded by depth and count. */
function walk(structure: readonly OwnershipNode[]): Visit[] {
  const visits: Visit[] = [];
  const queue: { nodes: readonly OwnershipNode[]; parentKey: string; share: number; path: string[] }[] = [
    { nodes: structure, parentKey: ROOT_NODE_ID, share: 100, path: [] },
  ];
  for (let next = 0; next < queue.length && visits.length < MAX_OWNERSHIP_NODES; next++) {
    const frame = queue[next];
    for (const node of frame.nodes) {
      if (visits.length >= MAX_OWNERSHIP_NODES) break;
      const pct = clampPercent(node.ownership_percentage);
      const visit: Visit = {
        node,
        parentKey: frame.parentKey,
        share: (frame.share * pct) / 100,
        path: [...frame.path, node.name],
      };
      visits.push(visit);
      if (hasOwners(node) && visit.path.length < MAX_OWNERSHIP_DEPTH) {
        queue.push({ nodes: node.owners!, parentKey: ownerKey(node), share: visit.share, path: visit.path });
      }
    }
  }
  return visits;
}

function clampPercent(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** Persons are always ultimate owners; a company is one only when nobody is listed as owning it. */
function hasOwners(node: OwnershipNode): boolean {
  return node.entity_type === 'company' && Array.isArray(node.owners) && node.owners.length > 0;
}

/**
 * Ultimate owners with their effective percent, highest first (ties by name). Companies with no listed owners are
 * included (entityType 'company') so the figures add up to what the registry shows.
 */
export function effectiveOwnership(structure: readonly OwnershipNode[]): EffectiveOwner[] {
  return [...ultimateOwners(structure).values()].sort(
    (a, b) => b.effective - a.effective || a.name.localeCompare(b.name),
  );
}

/** Ultimate owners keyed by `ownerKey`. */
function ultimateOwners(structure: readonly OwnershipNode[]): Map<string, EffectiveOwner> {
  const owners = new Map<string, EffectiveOwner>();
  for (const visit of walk(structure)) {
    if (hasOwners(visit.node)) continue;
    const key = ownerKey(visit.node);
    const existing = owners.get(key);
    if (existing) {
      existing.effective += visit.share;
      existing.paths.push(visit.path);
    } else {
      owners.set(key, {
        id: visit.node.id?.trim() || key,
        name: visit.node.name,
        entityType: visit.node.entity_type,
        effective: visit.share,
        paths: [visit.path],
      });
    }
  }
  return owners;
}

/** Whether `effective` reaches `threshold`, tolerant of floating-point noise from the multiplications. */
export function meetsThreshold(effective: number, threshold: number = UBO_THRESHOLD_PERCENT): boolean {
  return effective + 1e-9 >= threshold;
}

/**
 * Nodes and edges for drawing the structure: one node per distinct entity (so an owner reached through two paths
 * is one node with two incoming edges), edges from the owned entity to its owner labelled with the direct percent.
 */
export function ownershipGraph(
  companyName: string,
  structure: readonly OwnershipNode[],
  threshold: number = UBO_THRESHOLD_PERCENT,
): { nodes: OwnershipGraphNode[]; edges: OwnershipGraphEdge[] } {
  const owners = ultimateOwners(structure);
  const nodes = new Map<string, OwnershipGraphNode>([
    [
      ROOT_NODE_ID,
      {
        id: ROOT_NODE_ID,
        name: companyName,
        entityType: 'root',
        effective: null,
        aboveThreshold: false,
        kycStatus: null,
      },
    ],
  ]);
  const edges = new Map<string, OwnershipGraphEdge>();
  for (const { node, parentKey } of walk(structure)) {
    const key = ownerKey(node);
    if (!nodes.has(key)) {
      const pct = hasOwners(node) ? null : (owners.get(key)?.effective ?? null);
      nodes.set(key, {
        id: key,
        name: node.name,
        entityType: node.entity_type,
        effective: pct,
        aboveThreshold: pct !== null && meetsThreshold(pct, threshold),
        kycStatus: node.kyc_status ?? null,
      });
    }
    const edgeId = `${parentKey}->${key}`;
    if (!edges.has(edgeId) && parentKey !== key) {
      edges.set(edgeId, {
        id: edgeId,
        source: parentKey,
        target: key,
        percentage: clampPercent(node.ownership_percentage),
      });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
