import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KybSession, OwnershipNode } from '../../shared/didit/session.js';
import { readSession } from '../../shared/didit/session-reader.js';
import {
  effectiveOwnership,
  meetsThreshold,
  ownershipGraph,
  ownershipTree,
  partyName,
  roleShare,
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

/** A key-people party as Didit documents it (business-verification/officers, .../ownership). */
const party = (
  name: string,
  roles: [string, number | null][],
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  name,
  entity_type: 'person',
  roles: roles.map(([role, pct]) => ({ role, ownership_percent: pct, voting_percent: pct })),
  source: 'REGISTRY',
  ...extra,
});
const corporate = (name: string, registration: string, pct: number, extra: Record<string, unknown> = {}) =>
  party(name, [['shareholder', pct]], {
    entity_type: 'company',
    company_name: name,
    registration_number: registration,
    source: 'USER',
    ...extra,
  });
/** One company of a nested KYB payload: its registry check and its key-people check, at the same index. */
const kybCompany = (name: string, registration: string | null, parties: Record<string, unknown>[]) => ({
  registry: { status: 'Approved', company: { company_name: name, registration_number: registration } },
  people: { status: 'Approved', submitted: { parties } },
});
function payload(...companies: ReturnType<typeof kybCompany>[]): KybSession {
  const read = readSession({
    session_id: 'kyb-1',
    session_kind: 'business',
    status: 'IN_REVIEW',
    registry_checks: companies.map((c) => c.registry),
    key_people_checks: companies.map((c) => c.people),
  });
  expect(read.unreadable).toEqual([]);
  return read.payload as KybSession;
}
const flat = (nodes: OwnershipNode[]): [string, number, string[]][] =>
  nodes.map((n) => [n.name, n.ownership_percentage, (n.owners ?? []).map((o) => o.name)]);

describe('ownershipTree (from documented key people)', () => {
  it("reads Didit's documented KYB example: shareholder and ubo roles, a corporate party with no KYB of its own", () => {
    const raw = JSON.parse(readFileSync('test/fixtures/didit/kyb-decision.json', 'utf8')) as unknown;
    const { payload: p, unreadable } = readSession(raw);
    expect(unreadable).toEqual([]);
    const tree = ownershipTree(p as KybSession);
    expect(flat(tree)).toEqual([
      ['Jane Doe', 30, []],
      ['John Example', 70, []],
      ['Parent Holdings Ltd', 10, []],
    ]);
    expect(tree[2]).toMatchObject({ entity_type: 'company', registration_number: '00000000', jurisdiction: 'GBR' });
    expect(tree[0].id).toBe('00000000-0000-0000-0000-000000000001');
    const graph = ownershipGraph('Acme Example SL', tree);
    expect(graph.nodes.map((n) => n.name)).toContain('Parent Holdings Ltd');
  });

  it('follows corporate shareholders into their own key-people checks by registration number, three levels deep', () => {
    const zofia = { uuid: 'p-zofia' };
    const p = payload(
      kybCompany('Target', 'T-1', [corporate('Holding', 'H 1', 60), party('Dan', [['shareholder', 40]])]),
      // The registration number matches without case, spaces or punctuation.
      kybCompany('Holding', 'h-1', [
        corporate('Sub-holding', 'S-1', 50),
        party(
          'Zofia',
          [
            ['shareholder', 50],
            ['director', null],
          ],
          zofia,
        ),
      ]),
      kybCompany('Sub-holding', 'S-1', [
        party('Zofia P.', [['shareholder', 80]], zofia),
        party('Ben', [['shareholder', 20]]),
      ]),
    );
    const tree = ownershipTree(p);
    expect(flat(tree)).toEqual([
      ['Holding', 60, ['Sub-holding', 'Zofia']],
      ['Dan', 40, []],
    ]);
    const owners = effectiveOwnership(tree);
    const zof = owners.find((o) => o.id === 'p-zofia')!;
    // 60 % · 50 % + 60 % · 50 % · 80 % = 30 + 24 = 54 %, one owner through two paths (same uuid).
    expect(zof.effective).toBeCloseTo(54, 10);
    expect(zof.paths).toEqual([
      ['Holding', 'Zofia'],
      ['Holding', 'Sub-holding', 'Zofia P.'],
    ]);
    expect(owners.reduce((n, o) => n + o.effective, 0)).toBeCloseTo(100, 10);
    const graph = ownershipGraph('Target', tree);
    expect(graph.nodes.filter((n) => n.id === 'id:p-zofia')).toHaveLength(1);
    expect(graph.edges.filter((e) => e.target === 'id:p-zofia')).toHaveLength(2);
  });

  it('falls back to the company name when no registration number matches', () => {
    const p = payload(
      kybCompany('Target', null, [corporate('Alpha  Holdings', '', 100)]),
      kybCompany('alpha holdings', null, [party('Eve', [['shareholder', 100]])]),
    );
    expect(flat(ownershipTree(p))).toEqual([['Alpha  Holdings', 100, ['Eve']]]);
  });

  it('counts a ubo share as direct only for a person not reached through a corporate shareholder', () => {
    const p = payload(
      kybCompany('Target', 'T', [
        corporate('Holding', 'H', 70),
        // Look-through figures of the registry: Eve holds through Holding, Finn directly.
        party('Eve', [['ubo', 70]], { uuid: 'p-eve' }),
        party('Finn', [['ubo', 30]], { uuid: 'p-finn' }),
        // An officer without a share is no owner; registry and submitted entries of one party merge.
        party('Gus', [['director', null]]),
        party('Finn', [['shareholder', 30]], { uuid: 'p-finn', source: 'USER' }),
      ]),
      kybCompany('Holding', 'H', [party('Eve', [['shareholder', 100]], { uuid: 'p-eve' })]),
    );
    const tree = ownershipTree(p);
    expect(flat(tree)).toEqual([
      ['Holding', 70, ['Eve']],
      ['Finn', 30, []],
    ]);
    expect(effectiveOwnership(tree).map((o) => [o.name, o.effective])).toEqual([
      ['Eve', 70],
      ['Finn', 30],
    ]);
  });

  it('survives hostile payloads: cycles, self-ownership, missing names and roles, no checks at all', () => {
    const p = payload(
      kybCompany('A', 'A', [corporate('B', 'B', 50), corporate('A again', 'A', 50), party('', [['shareholder', 5]])]),
      kybCompany('B', 'B', [corporate('A', 'A', 100), party('Nameless', [])]),
    );
    // B is owned by A, which is on the path: A is a leaf there, not walked again.
    expect(flat(ownershipTree(p))).toEqual([
      ['B', 50, ['A']],
      ['A again', 50, []],
    ]);
    expect(ownershipTree({ registry_checks: [], key_people_checks: [] })).toEqual([]);
    expect(ownershipTree({})).toEqual([]);
    // A chain longer than the depth bound stops there.
    const chain = Array.from({ length: MAX_OWNERSHIP_DEPTH + 10 }, (_, i) =>
      kybCompany(`C${i}`, `R${i}`, [corporate(`C${i + 1}`, `R${i + 1}`, 100)]),
    );
    let depth = 0;
    for (let ns = ownershipTree(payload(...chain)); ns.length > 0; ns = ns[0].owners ?? []) depth++;
    expect(depth).toBeLessThanOrEqual(MAX_OWNERSHIP_DEPTH + 1);
  });

  it('names parties and reads role shares whatever the casing', () => {
    expect(partyName({ first_name: 'Ana', last_name: 'Ruiz' })).toBe('Ana Ruiz');
    expect(partyName({ company_name: 'Parent Ltd' })).toBe('Parent Ltd');
    expect(partyName({ name: '  ' })).toBeNull();
    expect(roleShare({ roles: [{ role: 'UBO', ownership_percent: 40, voting_percent: null }] }, 'ubo')).toBe(40);
    expect(roleShare({ roles: null }, 'ubo')).toBeNull();
  });
});
