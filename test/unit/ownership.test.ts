import { describe, expect, it } from 'vitest';
import type { OwnershipNode } from '../../shared/session.js';
import {
  effectiveOwnership,
  meetsThreshold,
  ownershipGraph,
  MAX_OWNERSHIP_DEPTH,
  ROOT_NODE_ID,
} from '../../shared/ownership.js';

const person = (name: string, pct: number, id?: string): OwnershipNode => ({
  name,
  entity_type: 'person',
  ownership_percentage: pct,
  ...(id ? { id } : {}),
});
const company = (name: string, pct: number, owners: OwnershipNode[], id?: string): OwnershipNode => ({
  name,
  entity_type: 'company',
  ownership_percentage: pct,
  owners,
  ...(id ? { id } : {}),
});

describe('effectiveOwnership', () => {
  it('multiplies percentages down three levels of companies', () => {
    // Company <- 60 % Holding <- 50 % Sub-holding <- 80 % Ana: 0.6 * 0.5 * 0.8 = 24 %.
    const structure = [
      company('Holding', 60, [company('Sub-holding', 50, [person('Ana', 80), person('Ben', 20)]), person('Cleo', 50)]),
      person('Dan', 40),
    ];
    const byName = Object.fromEntries(effectiveOwnership(structure).map((o) => [o.name, o]));
    expect(byName.Ana.effective).toBeCloseTo(24, 10);
    expect(byName.Ben.effective).toBeCloseTo(6, 10);
    expect(byName.Cleo.effective).toBeCloseTo(30, 10);
    expect(byName.Dan.effective).toBeCloseTo(40, 10);
    expect(byName.Ana.paths).toEqual([['Holding', 'Sub-holding', 'Ana']]);
    // Intermediate companies are not ultimate owners.
    expect(Object.keys(byName).sort()).toEqual(['Ana', 'Ben', 'Cleo', 'Dan']);
    // The cap tables are complete, so the ultimate owners hold everything.
    expect(Object.values(byName).reduce((n, o) => n + o.effective, 0)).toBeCloseTo(100, 10);
  });

  it('sums one owner reached through two paths, recognised by id even when names differ', () => {
    // Eva: 20 % directly + 50 % of Alpha (0.5 * 30 %) = 35 %; her second entry spells the name differently.
    const structure = [
      person('Eva Marsh', 20, 'p-eva'),
      company('Alpha Holdings', 50, [person('E. Marsh', 30, 'p-eva'), person('Finn', 70, 'p-finn')]),
      person('Gus', 30, 'p-gus'),
    ];
    const owners = effectiveOwnership(structure);
    const eva = owners.find((o) => o.id === 'p-eva')!;
    expect(eva.effective).toBeCloseTo(35, 10);
    expect(eva.name).toBe('Eva Marsh');
    expect(eva.paths).toEqual([['Eva Marsh'], ['Alpha Holdings', 'E. Marsh']]);
    expect(owners.find((o) => o.id === 'p-finn')!.effective).toBeCloseTo(35, 10);
    expect(owners).toHaveLength(3);
  });

  it('falls back to the name (case and spacing ignored) when no id is given', () => {
    const structure = [
      company('A', 50, [person('Hana  Ito', 50)]),
      company('B', 50, [person('hana ito', 40), person('Ivo', 60)]),
    ];
    const owners = effectiveOwnership(structure);
    // 0.5 * 0.5 + 0.5 * 0.4 = 45 %.
    expect(owners[0].name).toBe('Hana  Ito');
    expect(owners[0].effective).toBeCloseTo(45, 10);
    expect(owners[0].paths).toHaveLength(2);
    expect(owners[1]).toMatchObject({ name: 'Ivo' });
    expect(owners[1].effective).toBeCloseTo(30, 10);
  });

  it('sorts by effective share, highest first, and keeps companies without listed owners', () => {
    const structure = [person('Low', 10), company('Listed Co', 55, []), person('Mid', 35)];
    const owners = effectiveOwnership(structure);
    expect(owners.map((o) => [o.name, o.entityType, o.effective])).toEqual([
      ['Listed Co', 'company', 55],
      ['Mid', 'person', 35],
      ['Low', 'person', 10],
    ]);
  });

  it('survives hostile trees: out-of-range percentages are clamped and depth is bounded', () => {
    let deep: OwnershipNode = person('Bottom', 100);
    for (let i = 0; i < MAX_OWNERSHIP_DEPTH + 20; i++) deep = company(`Level ${i}`, 100, [deep]);
    const owners = effectiveOwnership([deep, person('Bad', Number.NaN), person('Huge', 250)]);
    expect(owners.find((o) => o.name === 'Bad')!.effective).toBe(0);
    expect(owners.find((o) => o.name === 'Huge')!.effective).toBe(100);
    expect(owners.some((o) => o.name === 'Bottom')).toBe(false);
    expect(effectiveOwnership([])).toEqual([]);
  });
});

describe('meetsThreshold', () => {
  it('counts a share that equals the threshold even when the products land a hair under it', () => {
    // 1 % of 1 % of 71 % is exactly 0.0071 %, but the floating-point product is 0.0070999999999999995.
    const [owner] = effectiveOwnership([company('A', 1, [company('B', 1, [person('Tiny', 71)])])]);
    expect(owner.effective).toBeLessThan(0.0071);
    expect(meetsThreshold(owner.effective, 0.0071)).toBe(true);
    expect(meetsThreshold(25)).toBe(true);
    expect(meetsThreshold(24.99)).toBe(false);
  });
});

describe('ownershipGraph', () => {
  it('draws one node per entity, one edge per owning link, and flags owners at or above the threshold', () => {
    const structure = [
      person('Eva', 20, 'p-eva'),
      company('Alpha', 50, [person('Eva', 30, 'p-eva'), company('Beta', 70, [person('Finn', 100, 'p-finn')])], 'c-a'),
      person('Gus', 30, 'p-gus'),
    ];
    const { nodes, edges } = ownershipGraph('Target Ltd', structure);
    expect(nodes.map((n) => n.name).sort()).toEqual(['Alpha', 'Beta', 'Eva', 'Finn', 'Gus', 'Target Ltd']);
    const node = (name: string) => nodes.find((n) => n.name === name)!;
    expect(node('Target Ltd')).toMatchObject({ id: ROOT_NODE_ID, entityType: 'root', effective: null });
    // Eva 20 + 15 = 35, Finn 0.5 * 0.7 = 35, Gus 30: all at or above 25; Alpha is intermediate.
    expect(node('Eva').effective).toBeCloseTo(35, 10);
    expect(node('Eva').aboveThreshold).toBe(true);
    expect(node('Gus').aboveThreshold).toBe(true);
    expect(node('Alpha')).toMatchObject({ effective: null, aboveThreshold: false });
    const label = (from: string, to: string) =>
      edges.find((e) => e.source === node(from).id && e.target === node(to).id)?.percentage;
    expect(label('Target Ltd', 'Eva')).toBe(20);
    expect(label('Alpha', 'Eva')).toBe(30);
    expect(label('Alpha', 'Beta')).toBe(70);
    expect(label('Beta', 'Finn')).toBe(100);
    expect(edges).toHaveLength(6);

    const strict = ownershipGraph('Target Ltd', structure, 35.5);
    expect(strict.nodes.filter((n) => n.aboveThreshold)).toEqual([]);
  });
});
