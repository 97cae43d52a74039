/**
 * Ownership of a KYB company, derived from Didit's documented key people (docs/didit-api.md §6): a payload has
 * one `registry_checks` item and one `key_people_checks` item per company (index 0 is the company under review;
 * nested KYB adds one pair per corporate shareholder). A party's direct share is the `ownership_percent` of its
 * `shareholder` role, else of its `ubo` role; a corporate party's own owners are the parties of the company whose
 * registry data has the same registration number (else the same name). From that tree: effective (look-through)
 * ownership, percentages multiplied along each path and summed across paths, the same owner reached through two
 * paths recognised by `uuid`, else by name. Partner data is untrusted: depth, size and cycles are bounded.
 * Pure and exact: rounding is left to whoever displays the numbers.
 */
import type { Company, KeyPerson, KybSession, OwnershipNode } from './didit/session.js';

/** The usual beneficial-ownership threshold, in percent. */
export const UBO_THRESHOLD_PERCENT = 25;
/** Partner data is untrusted: deeper trees or bigger ones are cut off rather than recursed into. */
export const MAX_OWNERSHIP_DEPTH = 32;
export const MAX_OWNERSHIP_NODES = 5_000;
/** At most this many companies (registry / key-people pairs) of one payload are read. */
export const MAX_OWNERSHIP_COMPANIES = 200;

/** Didit's documented role names (business-verification/officers), lower case as sent. */
export const KEY_PERSON_ROLES = [
  'ubo',
  'shareholder',
  'beneficiary',
  'settlor',
  'protector',
  'investor',
  'director',
  'non_executive_director',
  'chairman',
  'secretary',
  'representative',
  'authorized_signatory',
  'trustee',
  'company_officer',
  'founder',
  'legal_advisor',
  'other',
] as const;
/** Roles whose `ownership_percent` is a share of the company. */
export const OWNERSHIP_ROLES: readonly string[] = ['shareholder', 'ubo'];

type KeyPeopleCheck = NonNullable<KybSession['key_people_checks']>[number];

/** What a party is called: `name`, else first + last name, else `company_name`; null when none is sent. */
export function partyName(p: Pick<KeyPerson, 'name' | 'first_name' | 'last_name' | 'company_name'>): string | null {
  const name = p.name?.trim() || [p.first_name, p.last_name].filter((x) => x?.trim()).join(' ') || p.company_name;
  return name?.trim() ? name.trim() : null;
}

/** The role name as the app compares it: lower case, spaces and dashes as underscores (`UBO` → `ubo`). */
export function roleKey(role: string): string {
  return role
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The `ownership_percent` of a party's role (first one that has a number), or null. */
export function roleShare(p: Pick<KeyPerson, 'roles'>, role: string): number | null {
  for (const r of p.roles ?? []) {
    if (roleKey(r.role) === role && typeof r.ownership_percent === 'number' && Number.isFinite(r.ownership_percent))
      return r.ownership_percent;
  }
  return null;
}

/** Every party of a key-people check: registry officers, registry beneficial owners, then submitted parties. */
export function partiesOf(check: KeyPeopleCheck | null | undefined): KeyPerson[] {
  if (!check) return [];
  return [
    ...(check.registry?.officers ?? []),
    ...(check.registry?.beneficial_owners ?? []),
    ...(check.submitted?.parties ?? []),
  ];
}

/** Registration numbers compare without case, spaces or punctuation; names without case or extra spaces. */
const registrationKey = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
const nameKey = (s: string | null | undefined) => (s ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

interface Entity {
  company: Company | null;
  parties: KeyPerson[];
}

/** One party as it counts for ownership: its roles merged across buckets (registry before submitted). */
interface Holder {
  key: string;
  party: KeyPerson;
  name: string;
  isCompany: boolean;
  shareholder: number | null;
  ubo: number | null;
}

function holdersOf(parties: readonly KeyPerson[]): Holder[] {
  const holders = new Map<string, Holder>();
  for (const party of parties) {
    const name = partyName(party);
    const uuid = party.uuid?.trim();
    if (!uuid && !name) continue;
    const isCompany = party.entity_type?.trim().toLowerCase() === 'company';
    const key = uuid ? `id:${uuid}` : `name:${isCompany ? 'c' : 'p'}:${nameKey(name)}`;
    const held = holders.get(key);
    if (held) {
      held.shareholder ??= roleShare(party, 'shareholder');
      held.ubo ??= roleShare(party, 'ubo');
    } else {
      holders.set(key, {
        key,
        party,
        name: name ?? uuid!,
        isCompany,
        shareholder: roleShare(party, 'shareholder'),
        ubo: roleShare(party, 'ubo'),
      });
    }
  }
  return [...holders.values()];
}

/**
 * The ownership tree of the company under review (registry_checks[0] / key_people_checks[0]), in the shape the
 * graph and the effective-ownership walk use. A `ubo` share is a look-through figure: it counts as a direct share
 * only for a person not also reached through one of the company's corporate shareholders.
 */
export function ownershipTree(payload: Pick<KybSession, 'registry_checks' | 'key_people_checks'>): OwnershipNode[] {
  const registry = payload.registry_checks ?? [];
  const people = payload.key_people_checks ?? [];
  const count = Math.min(MAX_OWNERSHIP_COMPANIES, Math.max(registry.length, people.length));
  const entities: Entity[] = Array.from({ length: count }, (_, i) => ({
    company: registry[i]?.company ?? null,
    parties: partiesOf(people[i]),
  }));
  if (entities.length === 0) return [];
  let budget = MAX_OWNERSHIP_NODES;

  /** The company a corporate party stands for: same registration number, else same name; never one on the path. */
  const entityOf = (party: KeyPerson, name: string, path: ReadonlySet<number>): number | null => {
    const reg = registrationKey(party.registration_number);
    if (reg) {
      const i = entities.findIndex((e, j) => !path.has(j) && registrationKey(e.company?.registration_number) === reg);
      if (i >= 0) return i;
    }
    const names = [name, party.company_name].map(nameKey).filter(Boolean);
    const i = entities.findIndex(
      (e, j) => !path.has(j) && e.company !== null && names.includes(nameKey(e.company.company_name)),
    );
    return i >= 0 ? i : null;
  };

  const ownersOf = (index: number, path: ReadonlySet<number>): OwnershipNode[] => {
    const nodes: { node: OwnershipNode; uboOnly: boolean }[] = [];
    for (const h of holdersOf(entities[index].parties)) {
      const share = h.shareholder ?? h.ubo;
      if (share === null || budget <= 0) continue;
      budget--;
      const node: OwnershipNode = {
        name: h.name,
        entity_type: h.isCompany ? 'company' : 'person',
        ownership_percentage: share,
        registration_number: h.party.registration_number ?? null,
        jurisdiction: h.party.country ?? h.party.nationality ?? null,
        id: h.party.uuid ?? null,
        kyc_session_id: h.party.kyc_session_id ?? null,
        kyc_status: h.party.kyc_status ?? null,
      };
      if (h.isCompany && path.size < MAX_OWNERSHIP_DEPTH) {
        const child = entityOf(h.party, h.name, path);
        if (child !== null) {
          node.owners = ownersOf(child, new Set([...path, child]));
          node.jurisdiction ??= entities[child].company?.country_code ?? null;
        }
      }
      nodes.push({ node, uboOnly: h.shareholder === null });
    }
    // A person listed only as a UBO and also found below a corporate shareholder holds through that company.
    const below = new Set<string>();
    const collect = (ns: readonly OwnershipNode[], depth: number) => {
      if (depth > MAX_OWNERSHIP_DEPTH) return;
      for (const n of ns) {
        below.add(ownerKey(n));
        collect(n.owners ?? [], depth + 1);
      }
    };
    for (const { node } of nodes) if (node.entity_type === 'company') collect(node.owners ?? [], 0);
    return nodes.filter(({ node, uboOnly }) => !(uboOnly && below.has(ownerKey(node)))).map(({ node }) => node);
  };

  return ownersOf(0, new Set([0]));
}

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
