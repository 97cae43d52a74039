// The ownership graph's node classification and layout: a person whose KYC was declined is marked so whatever their
// share (and whatever the status casing), apart from an owner at or above the threshold; an edge that skips a rank
// is routed around that rank's nodes and its percentage label never sits on a node.
import { describe, expect, it } from 'vitest';
import type { OwnershipGraphEdge, OwnershipGraphNode } from '../../shared/ownership.js';
import {
  EDGE_LABEL_HEIGHT,
  EDGE_LABEL_WIDTH,
  layoutOwnership,
  NODE_HEIGHT,
  NODE_WIDTH,
  ownerClassName,
  ownerMarks,
  ownershipPath,
} from '../../renderer/src/detail/kyb/ownershipLayout.js';

const node = (over: Partial<OwnershipGraphNode>): OwnershipGraphNode => ({
  id: 'n',
  name: 'N',
  entityType: 'person',
  effective: 10,
  aboveThreshold: false,
  kycStatus: null,
  ...over,
});

describe('ownerMarks', () => {
  it('marks a person whose KYC was declined, in either casing, apart from the threshold', () => {
    expect(ownerMarks(node({ kycStatus: 'Declined' }))).toEqual({ aboveThreshold: false, kycDeclined: true });
    expect(ownerMarks(node({ kycStatus: 'DECLINED', aboveThreshold: true }))).toEqual({
      aboveThreshold: true,
      kycDeclined: true,
    });
    expect(ownerMarks(node({ kycStatus: 'Approved', aboveThreshold: true }))).toEqual({
      aboveThreshold: true,
      kycDeclined: false,
    });
    for (const kycStatus of [null, 'In Review', 'Not Started', 'declined?']) {
      expect(ownerMarks(node({ kycStatus })).kycDeclined).toBe(false);
    }
    // Only people have a KYC of their own.
    expect(ownerMarks(node({ entityType: 'company', kycStatus: 'Declined' })).kycDeclined).toBe(false);
  });

  it('gives a declined UBO and a UBO at or above the threshold different classes', () => {
    const declined = ownerClassName(node({ kycStatus: 'Declined' })).split(' ');
    const above = ownerClassName(node({ aboveThreshold: true, kycStatus: 'Approved' })).split(' ');
    expect(declined).toContain('kyb-kyc-declined');
    expect(declined).not.toContain('kyb-above-threshold');
    expect(above).toContain('kyb-above-threshold');
    expect(above).not.toContain('kyb-kyc-declined');
    expect(ownerClassName(node({ entityType: 'root', effective: null }))).toBe('kyb-owner kyb-owner-root');
  });
});

describe('layoutOwnership', () => {
  // root ← A (company) ← B (company) ← P; root ← P directly as well: the direct edge skips two ranks.
  const nodes = [
    node({ id: 'root', entityType: 'root', effective: null }),
    node({ id: 'a', entityType: 'company', effective: null }),
    node({ id: 'b', entityType: 'company', effective: null }),
    node({ id: 'p', kycStatus: 'Declined', effective: 40 }),
    node({ id: 'q', effective: 30 }),
  ];
  const edges: OwnershipGraphEdge[] = [
    { id: 'root->a', source: 'root', target: 'a', percentage: 60 },
    { id: 'a->b', source: 'a', target: 'b', percentage: 50 },
    { id: 'b->p', source: 'b', target: 'p', percentage: 50 },
    { id: 'b->q', source: 'b', target: 'q', percentage: 50 },
    { id: 'root->p', source: 'root', target: 'p', percentage: 25 },
  ];
  const layout = layoutOwnership(nodes, edges);
  const boxes = layout.nodes.map((n) => ({ left: n.x, top: n.y, right: n.x + NODE_WIDTH, bottom: n.y + NODE_HEIGHT }));
  const overlaps = (a: (typeof boxes)[0], b: (typeof boxes)[0]) =>
    Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);

  it('keeps nodes apart and every percentage label off every node', () => {
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    for (const e of layout.edges) {
      const label = {
        left: e.labelX - EDGE_LABEL_WIDTH / 2,
        right: e.labelX + EDGE_LABEL_WIDTH / 2,
        top: e.labelY - EDGE_LABEL_HEIGHT / 2,
        bottom: e.labelY + EDGE_LABEL_HEIGHT / 2,
      };
      for (const b of boxes) expect(overlaps(label, b), e.id).toBe(false);
    }
  });

  it('routes an edge that skips ranks through bends, and draws a path through them', () => {
    const skip = layout.edges.find((e) => e.id === 'root->p')!;
    expect(skip.bends.length).toBeGreaterThan(0);
    const path = ownershipPath([{ x: 0, y: 0 }, ...skip.bends, { x: 10, y: 500 }]);
    expect(path.startsWith('M 0,0')).toBe(true);
    expect(path.match(/ C /g)).toHaveLength(skip.bends.length + 1);
    expect(path.endsWith('10,500')).toBe(true);
  });
});
