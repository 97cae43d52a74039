import { describe, expect, it } from 'vitest';
import {
  KYB_FEATURE_ARRAYS,
  kybSessionSchema,
  mediaReferences,
  sessionPayloadSchema,
  subjectName,
} from '../../shared/didit/session.js';
import { KEY_PERSON_ROLES } from '../../shared/ownership.js';
import { KYB_STATUSES } from '../../shared/didit/statuses.js';
import {
  createRng,
  DEMO_FACTS,
  previewPayload,
  syntheticSession,
  type SyntheticFlag,
  type SyntheticSession,
} from '../../sandbox/synthetic/index.js';
import { demoSession } from '../../sandbox/synthetic/demo.js';
import { KYB_DOCUMENT_GROUPS } from '../../sandbox/synthetic/kyb.js';

const kyb = (status: string, seed: number, flags?: SyntheticFlag[]) =>
  syntheticSession({ kind: 'business', status, rng: createRng(seed), flags });
type Item = { status: string; warnings: { log_type: string; risk: string }[] } & Record<string, unknown>;
type Role = { role: string; ownership_percent: number | null; voting_percent: number | null };
type Party = {
  uuid: string;
  name: string;
  entity_type: 'person' | 'company';
  registration_number?: string;
  roles: Role[];
  source: string;
  kyc_status?: string;
  kyc_session_id?: null;
} & Record<string, unknown>;
type KeyPeople = {
  registry: { officers: Party[]; beneficial_owners: Party[] };
  submitted: { parties: Party[] };
} & Item;
type Registry = { company: Record<string, unknown> & { company_name: string; registration_number: string } } & Item;
const first = (s: SyntheticSession, array: string) => s.features[array][0] as Record<string, unknown>;
const registries = (s: SyntheticSession) => s.features.registry_checks as Registry[];
const keyPeople = (s: SyntheticSession) => s.features.key_people_checks as KeyPeople[];
const share = (p: Party, role: string) => p.roles.find((r) => r.role === role)?.ownership_percent ?? null;

/**
 * The ownership tree the payload describes, rebuilt here independently of shared/ownership.ts: a company's
 * direct owners are the shareholder parties of the key-people check at its index; a corporate shareholder's own
 * owners are those of the check whose registry company has its registration number.
 */
interface Node {
  id: string;
  name: string;
  entity_type: 'person' | 'company';
  pct: number;
  owners: Node[];
}
function tree(s: SyntheticSession, index = 0): Node[] {
  const checks = keyPeople(s);
  const regs = registries(s);
  const all = [...checks[index].registry.beneficial_owners, ...checks[index].submitted.parties];
  const seen = new Set<string>();
  const out: Node[] = [];
  for (const p of all) {
    const pct = share(p, 'shareholder');
    if (pct === null || seen.has(p.uuid)) continue;
    seen.add(p.uuid);
    const child = regs.findIndex((r) => r.company.registration_number === p.registration_number);
    out.push({
      id: p.uuid,
      name: p.name,
      entity_type: p.entity_type,
      pct,
      owners: p.entity_type === 'company' ? tree(s, child) : [],
    });
  }
  return out;
}

/** Effective share of every person, summed over every path (the computation the UI does, written here again). */
function effectiveShares(nodes: Node[], factor = 1, out = new Map<string, number>()): Map<string, number> {
  for (const node of nodes) {
    const part = (factor * node.pct) / 100;
    if (node.entity_type === 'person') out.set(node.id, (out.get(node.id) ?? 0) + part * 100);
    else effectiveShares(node.owners, part, out);
  }
  return out;
}

function companies(nodes: Node[]): Node[] {
  return nodes.filter((n) => n.entity_type === 'company').flatMap((n) => [n, ...companies(n.owners)]);
}

function depth(nodes: Node[]): number {
  return Math.max(0, ...nodes.map((n) => 1 + depth(n.owners)));
}

function personIds(nodes: Node[]): string[] {
  return nodes.flatMap((n) => (n.entity_type === 'person' ? [n.id] : personIds(n.owners)));
}

const SEEDS = Array.from({ length: 30 }, (_, i) => 500 + i);

describe('synthetic KYB sessions', () => {
  it.each(KYB_STATUSES)('a %s session parses as a decision payload with every feature array filled', (status) => {
    const session = kyb(status, 77);
    expect(session.kind).toBe('business');
    expect(session.status).toBe(status);
    const payload = sessionPayloadSchema.parse(previewPayload(session));
    for (const array of KYB_FEATURE_ARRAYS) expect(session.features[array].length, array).toBeGreaterThan(0);
    expect(subjectName(payload)).toBe(registries(session)[0].company.company_name);
    // One registry check and one key-people check per company of the chain, in the same order.
    expect(session.features.registry_checks.length).toBe(session.features.key_people_checks.length);
    expect(session.features.registry_checks.length).toBeGreaterThanOrEqual(3);
  });

  it('every media reference resolves, and documents come in the four documented groups with summaries', () => {
    const session = kyb('IN_REVIEW', 3, ['document_issue']);
    const payload = kybSessionSchema.parse(previewPayload(session, {}, (key) => `https://media.test/${key}`));
    const keys = mediaReferences(payload).map((r) => String(r.url).replace('https://media.test/', ''));
    expect(new Set(keys)).toEqual(new Set(Object.keys(session.media)));
    const [item] = payload.document_verifications!;
    expect(item.groups!.map((g) => g.group)).toEqual([...KYB_DOCUMENT_GROUPS]);
    const types = item.groups!.flatMap((g) => g.documents!.map((d) => d.document_type));
    expect(types).toEqual(
      expect.arrayContaining(['Certificate of Incorporation', 'Register Extract', 'Shareholder Register']),
    );
    for (const g of item.groups!) {
      const docs = g.documents!;
      expect(g.summary).toEqual({
        total_expected: docs.length + g.summary!.missing!,
        approved: docs.filter((d) => d.status === 'Approved').length,
        pending_review: docs.filter((d) => d.status === 'In Review').length,
        missing: g.summary!.missing,
      });
      for (const d of docs) expect(d.file_name).toMatch(/\.(png|pdf)$/);
    }
    // The document issue leaves a document of the representatives group missing and the extract in review.
    expect(item.groups!.find((g) => g.group === 'representatives_authorization')!.summary!.missing).toBe(1);
    expect(item.groups!.find((g) => g.group === 'company_details')!.summary!.pending_review).toBe(1);
    for (const media of Object.values(session.media))
      expect(['image/png', 'application/pdf']).toContain(media.contentType);
  });

  it('fills the documented registry company fields', () => {
    const company = registries(kyb('APPROVED', 5))[0].company;
    for (const field of [
      'company_name',
      'registration_number',
      'country_code',
      'company_type',
      'registry_status',
      'incorporation_date',
      'registered_address',
      'tax_number',
      'legal_entity_identifier',
      'nature_of_business',
    ]) {
      expect(company[field], field).toEqual(expect.any(String));
      expect((company[field] as string).length, field).toBeGreaterThan(0);
    }
    expect(company.country_code).toMatch(/^[A-Z]{3}$/);
    expect(company.legal_entity_identifier).toMatch(/^[A-Z0-9]{20}$/);
    expect(company.registered_capital).toEqual({ amount: expect.any(Number), currency: expect.any(String) });
    expect(company.alternative_names).toEqual(expect.any(Array));
    expect(company.is_from_registry).toBe(true);
    expect(company.registry_status).toBe('active');
    expect(registries(kyb('DECLINED', 5, ['registry_issue']))[0].company.registry_status).toBe('dissolved');
    // The legacy names are gone.
    for (const legacy of ['legal_name', 'jurisdiction', 'status', 'address', 'legal_form'])
      expect(company, legacy).not.toHaveProperty(legacy);
    expect(registries(kyb('APPROVED', 5))[0]).not.toHaveProperty('ownership_structure');
  });

  it('builds ownership at least three levels deep with one UBO reached through two paths', () => {
    for (const seed of SEEDS) {
      const nodes = tree(kyb('APPROVED', seed));
      // Only companies have owners, so three node levels mean company → holding → sub-holding → person.
      expect(depth(nodes), `seed ${seed}`).toBeGreaterThanOrEqual(3);
      const ids = personIds(nodes);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(repeated.length, `seed ${seed}`).toBeGreaterThan(0);
      // The repeated uuid is one person: same name at every place it appears.
      const names = new Set<string>();
      const collect = (ns: Node[]) => ns.forEach((n) => (n.id === repeated[0] && names.add(n.name), collect(n.owners)));
      collect(nodes);
      expect(names.size).toBe(1);
    }
  });

  it('keeps every company cap table at or under 100 %, exactly 100 % unless flagged incomplete', () => {
    let incomplete = 0;
    for (const seed of SEEDS) {
      const session = kyb('APPROVED', seed);
      const nodes = tree(session);
      const sum = (ns: Node[]) => ns.reduce((s, n) => s + n.pct, 0);
      for (const company of companies(nodes)) expect(sum(company.owners), company.name).toBe(100);
      const flagged = registries(session)[0].warnings.some((w) => w.risk === 'INCOMPLETE_CAP_TABLE');
      if (flagged) {
        incomplete++;
        expect(sum(nodes)).toBeLessThan(100);
      } else expect(sum(nodes)).toBe(100);
    }
    expect(incomplete).toBeGreaterThan(0);
  });

  it('lists beneficial owners with the effective shares the tree implies, above and below 25 %', () => {
    for (const seed of SEEDS) {
      const session = kyb('APPROVED', seed);
      const effective = effectiveShares(tree(session));
      const owners = keyPeople(session)[0].registry.beneficial_owners;
      expect(owners.map((o) => o.uuid).sort()).toEqual([...effective.keys()].sort());
      for (const owner of owners) {
        // Rounded to 2 decimals: off by at most half a hundredth.
        expect(Math.abs(share(owner, 'ubo')! - effective.get(owner.uuid)!)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(owner.entity_type).toBe('person');
      }
      const shares = owners.map((o) => share(o, 'ubo')!);
      expect(
        shares.some((s) => s > 25),
        `seed ${seed}`,
      ).toBe(true);
      expect(
        shares.some((s) => s < 25),
        `seed ${seed}`,
      ).toBe(true);
    }
  });

  it('describes key people with documented role objects, sources and KYC status', () => {
    const session = kyb('IN_REVIEW', 8);
    const [check] = keyPeople(session);
    const everyone = keyPeople(session).flatMap((c) => [
      ...c.registry.officers,
      ...c.registry.beneficial_owners,
      ...c.submitted.parties,
    ]);
    for (const p of everyone) {
      expect(p.uuid).toEqual(expect.any(String));
      for (const r of p.roles) {
        expect(KEY_PERSON_ROLES).toContain(r.role);
        expect(Object.keys(r).sort()).toEqual(['ownership_percent', 'role', 'voting_percent']);
      }
      if (p.entity_type === 'person') {
        expect(p.kyc_session_id).toBeNull();
        expect(p.kyc_status).toEqual(expect.any(String));
      } else {
        expect(p.registration_number).toEqual(expect.any(String));
        expect(p.company_name).toBe(p.name);
      }
    }
    expect(check.registry.officers.every((p) => p.source === 'REGISTRY')).toBe(true);
    expect(check.submitted.parties.every((p) => p.source === 'USER')).toBe(true);
    const roles = new Set(everyone.flatMap((p) => p.roles.map((r) => r.role)));
    expect([...roles].sort()).toEqual(['authorized_signatory', 'director', 'secretary', 'shareholder', 'ubo']);
    // Corporate shareholders are parties of entity_type company, each with its own registry check.
    const registered = new Set(registries(session).map((r) => r.company.registration_number));
    const corporate = check.submitted.parties.filter((p) => p.entity_type === 'company');
    expect(corporate.length).toBeGreaterThan(0);
    for (const c of corporate) expect(registered.has(c.registration_number!)).toBe(true);
    // Submitted UBOs are the registry's people (same uuids), so the UI can pair them.
    const registryIds = new Set(check.registry.beneficial_owners.map((p) => p.uuid));
    expect(check.submitted.parties.filter((p) => share(p, 'ubo') !== null).every((p) => registryIds.has(p.uuid))).toBe(
      true,
    );
  });

  it('screens the company, not a person, and follows the status in every feature', () => {
    const declined = kyb('DECLINED', 4, ['aml_sanctions']);
    const aml = first(declined, 'aml_screenings') as {
      entity_type: string;
      hits: { review_status: string; datasets: string[] }[];
    };
    expect(aml.entity_type).toBe('company');
    expect(aml.hits[0]).toMatchObject({ review_status: 'Confirmed Match', datasets: ['Sanctions'] });
    const all = (s: SyntheticSession) => Object.values(s.features).flat() as Item[];
    expect(all(declined).some((i) => i.status === 'Declined' && i.warnings.some((w) => w.log_type === 'error'))).toBe(
      true,
    );
    const review = all(kyb('IN_REVIEW', 4, ['key_people_issue']));
    expect(review.some((i) => i.status === 'Declined')).toBe(false);
    expect(review.some((i) => i.status === 'In Review' && i.warnings.some((w) => w.log_type === 'warning'))).toBe(true);
    expect(all(kyb('APPROVED', 4)).every((i) => i.status === 'Approved')).toBe(true);
  });

  it('answers a questionnaire', () => {
    const q = first(kyb('APPROVED', 2), 'questionnaires') as { title: string; answers: { question: string }[] };
    expect(q.title).toEqual(expect.any(String));
    expect(q.answers.length).toBeGreaterThan(3);
  });

  it('is deterministic for a seed', () => {
    expect(kyb('IN_REVIEW', 9)).toEqual(kyb('IN_REVIEW', 9));
    expect(kyb('IN_REVIEW', 10)).not.toEqual(kyb('IN_REVIEW', 9));
  });

  it('matches DEMO_FACTS for the demo company with the two-path UBO', () => {
    const facts = DEMO_FACTS.twoPathUbo;
    const session = demoSession(facts.issuerSessionIndex).session;
    expect(registries(session)[0].company.company_name).toBe(facts.companyLegalName);
    const nodes = tree(session);
    const ids = personIds(nodes);
    expect(ids.filter((id) => id === facts.uboId).length).toBe(2);
    const effective = effectiveShares(nodes);
    expect(Math.round(effective.get(facts.uboId)! * 100) / 100).toBe(facts.effectivePercent);
    const names = new Map<string, string>();
    const collect = (ns: Node[]) =>
      ns.forEach((n) => (n.entity_type === 'person' && names.set(n.id, n.name), collect(n.owners)));
    collect(nodes);
    expect(names.get(facts.uboId)).toBe(facts.uboName);
    const computed = [...effective].map(([id, pct]) => ({
      name: names.get(id)!,
      effectivePercent: Math.round(pct * 100) / 100,
    }));
    expect(computed.sort((x, y) => y.effectivePercent - x.effectivePercent)).toEqual(facts.beneficialOwners);
    expect(facts.beneficialOwners.some((o) => o.effectivePercent > 25)).toBe(true);
    expect(facts.beneficialOwners.some((o) => o.effectivePercent < 25)).toBe(true);
  });
});
