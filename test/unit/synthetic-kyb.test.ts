import { describe, expect, it } from 'vitest';
import {
  KEY_PERSON_ROLES,
  KYB_FEATURE_ARRAYS,
  kybSessionSchema,
  mediaReferences,
  sessionPayloadSchema,
  subjectName,
  type OwnershipNode,
} from '../../shared/session.js';
import { KYB_STATUSES } from '../../shared/statuses.js';
import {
  createRng,
  DEMO_FACTS,
  previewPayload,
  syntheticSession,
  type SyntheticFlag,
  type SyntheticSession,
} from '../../sandbox/synthetic/index.js';
import { demoSession } from '../../sandbox/synthetic/demo.js';

const kyb = (status: string, seed: number, flags?: SyntheticFlag[]) =>
  syntheticSession({ kind: 'business', status, rng: createRng(seed), flags });
type Item = { status: string; warnings: { log_type: string; risk: string }[] } & Record<string, unknown>;
const first = (s: SyntheticSession, array: string) => s.features[array][0] as Record<string, unknown>;
const tree = (s: SyntheticSession) => first(s, 'registry_checks').ownership_structure as OwnershipNode[];

/** Effective share of every person, summed over every path (the computation the UI does, written here again). */
function effectiveShares(nodes: OwnershipNode[], factor = 1, out = new Map<string, number>()): Map<string, number> {
  for (const node of nodes) {
    const share = (factor * node.ownership_percentage) / 100;
    if (node.entity_type === 'person') out.set(node.id!, (out.get(node.id!) ?? 0) + share * 100);
    else effectiveShares(node.owners ?? [], share, out);
  }
  return out;
}

function companies(nodes: OwnershipNode[]): OwnershipNode[] {
  return nodes.filter((n) => n.entity_type === 'company').flatMap((n) => [n, ...companies(n.owners ?? [])]);
}

function depth(nodes: OwnershipNode[]): number {
  return Math.max(0, ...nodes.map((n) => 1 + depth(n.owners ?? [])));
}

function personIds(nodes: OwnershipNode[]): string[] {
  return nodes.flatMap((n) => (n.entity_type === 'person' ? [n.id!] : personIds(n.owners ?? [])));
}

const SEEDS = Array.from({ length: 30 }, (_, i) => 500 + i);

describe('synthetic KYB sessions', () => {
  it.each(KYB_STATUSES)('a %s session parses as a decision payload with every feature array filled', (status) => {
    const session = kyb(status, 77);
    expect(session.kind).toBe('business');
    expect(session.status).toBe(status);
    const payload = sessionPayloadSchema.parse(previewPayload(session));
    for (const array of KYB_FEATURE_ARRAYS) expect(session.features[array].length, array).toBeGreaterThan(0);
    expect(subjectName(payload)).toBe((first(session, 'registry_checks').company as { legal_name: string }).legal_name);
  });

  it('every media reference resolves, and documents are PNG or PDF', () => {
    const session = kyb('IN_REVIEW', 3);
    const payload = kybSessionSchema.parse(previewPayload(session, {}, (key) => `https://media.test/${key}`));
    const keys = mediaReferences(payload).map((r) => r.url.replace('https://media.test/', ''));
    expect(new Set(keys)).toEqual(new Set(Object.keys(session.media)));
    const types = (session.features.document_verifications as Item[]).map((d) => d.document_type);
    expect(types).toEqual(expect.arrayContaining(['Certificate of Incorporation', 'Register Extract']));
    for (const media of Object.values(session.media))
      expect(['image/png', 'application/pdf']).toContain(media.contentType);
  });

  it('fills registry data', () => {
    const company = first(kyb('APPROVED', 5), 'registry_checks').company as Record<string, string>;
    for (const field of [
      'legal_name',
      'registration_number',
      'jurisdiction',
      'incorporation_date',
      'status',
      'address',
      'legal_form',
    ]) {
      expect(company[field], field).toEqual(expect.any(String));
      expect(company[field].length, field).toBeGreaterThan(0);
    }
    expect(company.jurisdiction).toMatch(/^[A-Z]{3}$/);
    expect(company.status).toBe('Active');
    expect(
      (first(kyb('DECLINED', 5, ['registry_issue']), 'registry_checks').company as Record<string, string>).status,
    ).toBe('Dissolved');
  });

  it('builds ownership at least three levels deep with one UBO reached through two paths', () => {
    for (const seed of SEEDS) {
      const nodes = tree(kyb('APPROVED', seed));
      // Only companies have owners, so three node levels mean company → holding → sub-holding → person.
      expect(depth(nodes), `seed ${seed}`).toBeGreaterThanOrEqual(3);
      const ids = personIds(nodes);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(repeated.length, `seed ${seed}`).toBeGreaterThan(0);
      // The repeated id is one person: same name at every place it appears.
      const names = new Set<string>();
      const collect = (ns: OwnershipNode[]) =>
        ns.forEach((n) => (n.id === repeated[0] && names.add(n.name), collect(n.owners ?? [])));
      collect(nodes);
      expect(names.size).toBe(1);
    }
  });

  it('keeps every company cap table at or under 100 %, exactly 100 % unless flagged incomplete', () => {
    let incomplete = 0;
    for (const seed of SEEDS) {
      const session = kyb('APPROVED', seed);
      const nodes = tree(session);
      const sum = (ns: OwnershipNode[]) => ns.reduce((s, n) => s + n.ownership_percentage, 0);
      for (const company of companies(nodes)) expect(sum(company.owners ?? []), company.name).toBe(100);
      const flagged = (first(session, 'registry_checks').warnings as Item['warnings']).some(
        (w) => w.risk === 'INCOMPLETE_CAP_TABLE',
      );
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
      const people = first(session, 'key_people_checks') as {
        registry: { beneficial_owners: Record<string, unknown>[] };
      };
      const owners = people.registry.beneficial_owners;
      expect(owners.map((o) => o.id).sort()).toEqual([...effective.keys()].sort());
      for (const owner of owners) {
        // Rounded to 2 decimals: off by at most half a hundredth.
        expect(
          Math.abs((owner.ownership_percentage as number) - effective.get(owner.id as string)!),
        ).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(owner.roles).toContain('UBO');
      }
      const shares = owners.map((o) => o.ownership_percentage as number);
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

  it('describes key people with known roles, sources and KYC status', () => {
    const check = first(kyb('IN_REVIEW', 8), 'key_people_checks') as {
      registry: { officers: Record<string, unknown>[]; beneficial_owners: Record<string, unknown>[] };
      submitted: { parties: Record<string, unknown>[] };
    };
    const everyone = [...check.registry.officers, ...check.registry.beneficial_owners, ...check.submitted.parties];
    for (const p of everyone) {
      for (const role of p.roles as string[]) expect(KEY_PERSON_ROLES).toContain(role);
      expect(p.kyc_session_id).toBeNull();
      expect(p.kyc_status).toEqual(expect.any(String));
    }
    expect(check.registry.officers.every((p) => p.source === 'REGISTRY')).toBe(true);
    expect(check.submitted.parties.every((p) => p.source === 'USER')).toBe(true);
    const roles = new Set(everyone.flatMap((p) => p.roles as string[]));
    expect([...roles].sort()).toEqual([...KEY_PERSON_ROLES].sort());
    // Submitted UBOs are the registry's people (same ids), so the UI can pair them.
    const registryIds = new Set(check.registry.beneficial_owners.map((p) => p.id));
    expect(
      check.submitted.parties.filter((p) => (p.roles as string[]).includes('UBO')).every((p) => registryIds.has(p.id)),
    ).toBe(true);
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
    expect((first(session, 'registry_checks').company as { legal_name: string }).legal_name).toBe(
      facts.companyLegalName,
    );
    const nodes = tree(session);
    const ids = personIds(nodes);
    expect(ids.filter((id) => id === facts.uboId).length).toBe(2);
    const effective = effectiveShares(nodes);
    expect(Math.round(effective.get(facts.uboId)! * 100) / 100).toBe(facts.effectivePercent);
    const names = new Map<string, string>();
    const collect = (ns: OwnershipNode[]) =>
      ns.forEach((n) => (n.entity_type === 'person' && names.set(n.id!, n.name), collect(n.owners ?? [])));
    collect(nodes);
    expect(names.get(facts.uboId)).toBe(facts.uboName);
    const computed = [...effective].map(([id, share]) => ({
      name: names.get(id)!,
      effectivePercent: Math.round(share * 100) / 100,
    }));
    expect(computed.sort((x, y) => y.effectivePercent - x.effectivePercent)).toEqual(facts.beneficialOwners);
    expect(facts.beneficialOwners.some((o) => o.effectivePercent > 25)).toBe(true);
    expect(facts.beneficialOwners.some((o) => o.effectivePercent < 25)).toBe(true);
  });
});
