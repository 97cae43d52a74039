import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFinishedStatus } from '../../shared/didit/statuses.js';
import { sessionPayloadSchema } from '../../shared/didit/session.js';
import { readSession } from '../../shared/didit/session-reader.js';
import { effectiveOwnership, ownershipTree, roleShare } from '../../shared/ownership.js';
import {
  DEMO_FACTS,
  demoPlan,
  previewPayload,
  SCORE_THRESHOLDS,
  type DemoPlan,
  type SyntheticSession,
} from '../../sandbox/synthetic/index.js';

let plan: DemoPlan;
let sessions: SyntheticSession[];
const byKind = (kind: 'user' | 'business') => sessions.filter((s) => s.kind === kind);
const count = (list: SyntheticSession[], status: string) => list.filter((s) => s.status === status).length;
/** A digest of everything a session carries (deep-comparing megabytes of image bytes element by element is slow). */
function fingerprint(s: SyntheticSession): string {
  const hash = createHash('sha256').update(
    JSON.stringify([s.kind, s.status, s.vendorData, s.featureNames, s.features]),
  );
  for (const [key, media] of Object.entries(s.media)) hash.update(key).update(media.contentType).update(media.bytes);
  return hash.digest('hex');
}
const scores = (array: string) => byKind('user').map((s) => (s.features[array][0] as { score: number }).score);

beforeAll(() => {
  plan = demoPlan();
  sessions = plan.issuerSessions;
}, 120_000);

describe('the demo plan', () => {
  it('names an issuer and a receiver application', () => {
    expect(plan.applications.map((a) => a.name)).toEqual([
      DEMO_FACTS.issuerApplication,
      DEMO_FACTS.receiverApplication,
    ]);
  });

  it('holds at least 60 KYC and 12 KYB finished sessions with a mix of outcomes', () => {
    expect(byKind('user').length).toBe(DEMO_FACTS.kycSessions);
    expect(byKind('business').length).toBe(DEMO_FACTS.kybSessions);
    expect(DEMO_FACTS.kycSessions).toBeGreaterThanOrEqual(60);
    expect(DEMO_FACTS.kybSessions).toBeGreaterThanOrEqual(12);
    for (const status of ['Approved', 'Declined', 'In Review'])
      expect(count(byKind('user'), status), status).toBeGreaterThanOrEqual(10);
    for (const status of ['APPROVED', 'DECLINED', 'IN_REVIEW'])
      expect(count(byKind('business'), status), status).toBeGreaterThanOrEqual(3);
    expect(sessions.every((s) => isFinishedStatus(s.status))).toBe(true);
    for (const s of sessions) expect(() => sessionPayloadSchema.parse(previewPayload(s))).not.toThrow();
  });

  it('mixes kinds in the issuer list rather than grouping them', () => {
    const firstKyb = sessions.findIndex((s) => s.kind === 'business');
    expect(firstKyb).toBeLessThan(20);
  });

  it('has AML hits from every dataset and in every review status', () => {
    const hits = sessions.flatMap((s) =>
      (s.features.aml_screenings as { hits: { datasets: string[]; review_status: string }[] }[]).flatMap((a) => a.hits),
    );
    expect(new Set(hits.flatMap((h) => h.datasets))).toEqual(new Set(['Sanctions', 'PEP', 'Adverse Media']));
    expect(new Set(hits.map((h) => h.review_status))).toEqual(
      new Set(['Unreviewed', 'False Positive', 'Confirmed Match', 'Inconclusive']),
    );
    const kybHits = byKind('business').flatMap((s) => (s.features.aml_screenings as { hits: unknown[] }[])[0].hits);
    expect(kybHits.length).toBeGreaterThan(0);
  });

  it('has face match and liveness scores under the review and the decline thresholds', () => {
    const face = scores('face_matches');
    const live = scores('liveness_checks');
    expect(face.filter((s) => s < SCORE_THRESHOLDS.faceMatch.decline).length).toBeGreaterThanOrEqual(2);
    expect(
      face.filter((s) => s >= SCORE_THRESHOLDS.faceMatch.decline && s < SCORE_THRESHOLDS.faceMatch.review).length,
    ).toBeGreaterThanOrEqual(2);
    expect(live.filter((s) => s < SCORE_THRESHOLDS.liveness.decline).length).toBeGreaterThanOrEqual(2);
    expect(
      live.filter((s) => s >= SCORE_THRESHOLDS.liveness.decline && s < SCORE_THRESHOLDS.liveness.review).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('shows every KYC block Didit documents somewhere in the demo: NFC chip reads, breaches, VPN sessions', () => {
    const kycs = byKind('user');
    const block = (s: SyntheticSession, array: string) => s.features[array] as Record<string, unknown>[];
    const withNfc = kycs.filter((s) => block(s, 'nfc_verifications').length > 0);
    expect(withNfc.length).toBeGreaterThanOrEqual(5);
    expect(withNfc.length).toBeLessThan(kycs.length);
    for (const s of withNfc) expect(s.featureNames).toContain('NFC');
    expect(kycs.every((s) => typeof block(s, 'phone_verifications')[0].carrier === 'object')).toBe(true);
    expect(kycs.some((s) => (block(s, 'email_verifications')[0].breaches as unknown[]).length > 0)).toBe(true);
    expect(kycs.some((s) => block(s, 'ip_analyses')[0].is_vpn_or_tor === true)).toBe(true);
    expect(new Set(kycs.map((s) => block(s, 'database_validations')[0].match_type))).toEqual(
      new Set(['full_match', 'partial_match', 'no_match']),
    );
  });

  it('imports a good part into the receiver, mostly for its own review', () => {
    const { imports } = plan;
    expect(imports.length).toBeGreaterThanOrEqual(sessions.length * 0.4);
    const indices = imports.map((i) => i.issuerSessionIndex);
    expect(new Set(indices).size).toBe(indices.length);
    for (const index of indices) expect(sessions[index]).toBeDefined();
    expect(new Set(imports.map((i) => i.vendorData)).size).toBe(imports.length);
    const trusted = imports.filter((i) => i.trustReview).length;
    expect(trusted).toBeGreaterThanOrEqual(3);
    expect(trusted).toBeLessThan(imports.length / 2);
    const importedKinds = imports.map((i) => sessions[i.issuerSessionIndex].kind);
    expect(importedKinds.filter((k) => k === 'business').length).toBeGreaterThanOrEqual(4);
    expect(importedKinds.filter((k) => k === 'user').length).toBeGreaterThanOrEqual(20);
  });

  it('imports the two-path UBO company for review, as DEMO_FACTS says', () => {
    const facts = DEMO_FACTS.twoPathUbo;
    const source = sessions[facts.issuerSessionIndex];
    expect(source.kind).toBe('business');
    expect(source.vendorData).toBe(facts.issuerVendorData);
    expect(plan.imports.find((i) => i.issuerSessionIndex === facts.issuerSessionIndex)).toEqual({
      issuerSessionIndex: facts.issuerSessionIndex,
      trustReview: false,
      vendorData: facts.receiverVendorData,
    });
  });

  it('sends every KYB session in the documented shapes, whole, with the ownership the registry figures imply', () => {
    for (const s of byKind('business')) {
      const { payload, unreadable } = readSession(previewPayload(s));
      expect(unreadable, s.vendorData).toEqual([]);
      if (payload.session_kind !== 'business') throw new Error('not a KYB payload');
      expect(payload.registry_checks!.length).toBe(payload.key_people_checks!.length);
      expect(payload.registry_checks![0].company?.company_name).toEqual(expect.any(String));
      expect(payload.document_verifications![0].groups!.map((g) => g.group)).toHaveLength(4);
      // The registry's look-through UBO figures are what the derived tree gives (rounded to 2 decimals).
      const effective = new Map(effectiveOwnership(ownershipTree(payload)).map((o) => [o.id, o.effective]));
      for (const owner of payload.key_people_checks![0].registry!.beneficial_owners!)
        expect(Math.abs(roleShare(owner, 'ubo')! - effective.get(owner.uuid!)!)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('is the same plan on every call', () => {
    const again = demoPlan();
    expect(again.imports).toEqual(plan.imports);
    expect(again.issuerSessions.map(fingerprint)).toEqual(sessions.map(fingerprint));
  }, 120_000);
});
