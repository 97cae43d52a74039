/**
 * The one reading of a case's checks that the check summary and the queue's index share (shared/case-signals.ts),
 * the folded search words (infix-search.ts), and the demo's three duplicate pairs.
 */
import { describe, expect, it } from 'vitest';
import { caseChecks, duplicateKeys, foldText, queueSignals, parseCheckFlags } from '../../shared/case-signals.js';
import type { SessionPayload } from '../../shared/didit/session.js';
import { readSession } from '../../shared/didit/session-reader.js';
import { infixMatchExpression } from '../../electron/core/cache/infix-search.js';
import { DEMO_FACTS, demoPlan } from '../../sandbox/synthetic/index.js';

const hit = (id: string, lists: Partial<Record<'sanction' | 'pep' | 'adverse', boolean>>, review = 'Unreviewed') => ({
  id,
  review_status: review,
  risk_score: 0.5,
  sanction_matches: lists.sanction ? [{}] : [],
  pep_matches: lists.pep ? [{}] : [],
  adverse_media_matches: lists.adverse ? [{ headline: 'x' }] : [],
});

function kyc(extra: Record<string, unknown> = {}): SessionPayload {
  return readSession({
    session_id: 's1',
    session_kind: 'user',
    status: 'In Review',
    id_verifications: [
      { status: 'Approved', full_name: 'Óðinn Þórsson', date_of_birth: '1980-02-03', document_number: 'ab-123 456' },
    ],
    liveness_checks: [
      { status: 'Declined', score: 31.5, warnings: [{ short_description: 'Spoof', log_type: 'error' }] },
    ],
    face_matches: [{ status: 'Approved', score: 0.82 }],
    ip_analyses: [{ status: 'Approved', is_vpn_or_tor: true }],
    email_verifications: [{ status: 'Approved', warnings: [{ short_description: 'fyi', log_type: 'information' }] }],
    aml_screenings: [{ status: 'In Review', hits: [] }],
    ...extra,
  }).payload;
}

describe('caseChecks', () => {
  it('reads each check: status, score against the threshold, flags and warnings', () => {
    const checks = caseChecks(kyc(), { faceMatch: 90, liveness: 70 });
    const by = Object.fromEntries(checks.map((c) => [c.key, c]));
    expect(checks.map((c) => c.key)).toEqual(['document', 'faceMatch', 'liveness', 'aml', 'email', 'ip']);
    expect(by.document.outcome).toBe('passed');
    expect(by.liveness).toMatchObject({ outcome: 'failed', score: 31.5, threshold: 70, flags: ['belowThreshold'] });
    expect(by.liveness.warnings[0].short_description).toBe('Spoof');
    // 0..1 scores read as percent; under the analyst's 90 the check is flagged.
    expect(by.faceMatch).toMatchObject({ outcome: 'warned', score: 82, flags: ['belowThreshold'] });
    expect(by.ip).toMatchObject({ outcome: 'warned', flags: ['vpnOrTor'] });
    // An information-only warning does not make a check a warning.
    expect(by.email.outcome).toBe('passed');
    // Without thresholds (the index), a score alone flags nothing.
    expect(caseChecks(kyc()).find((c) => c.key === 'faceMatch')!.outcome).toBe('passed');
  });

  it('lists the KYB checks', () => {
    const payload = readSession({
      session_id: 'b1',
      session_kind: 'business',
      status: 'IN_REVIEW',
      registry_checks: [{ status: 'Approved', company: { company_name: 'Ironbark Ltd' } }],
      key_people_checks: [{ status: 'In Review' }],
      document_verifications: [{ status: 'Approved', groups: [{ summary: { missing: 2 } }] }],
      aml_screenings: [{ status: 'Approved', hits: [] }],
    }).payload;
    const checks = caseChecks(payload);
    expect(checks.map((c) => [c.key, c.outcome])).toEqual([
      ['registry', 'passed'],
      ['keyPeople', 'warned'],
      ['documents', 'warned'],
      ['companyAml', 'passed'],
    ]);
  });
});

describe('queueSignals', () => {
  it('counts failed and warned checks and names them for the row', () => {
    const signals = queueSignals(kyc());
    expect(signals.failedChecks).toBe(1);
    expect(signals.warnedChecks).toBe(2); // AML in review, IP on VPN
    expect(parseCheckFlags(signals.checkFlags)).toEqual([
      { key: 'liveness', outcome: 'failed' },
      { key: 'aml', outcome: 'warned' },
      { key: 'ip', outcome: 'warned' },
    ]);
  });

  it('weighs a sanctions match above adverse media, and leaves False Positive hits out', () => {
    const withHits = (hits: unknown[]) => kyc({ aml_screenings: [{ status: 'In Review', hits }] });
    const sanctions = queueSignals(withHits([hit('a', { sanction: true })]));
    const media = queueSignals(withHits([hit('b', { adverse: true })]));
    const twoMedia = queueSignals(withHits([hit('b', { adverse: true }), hit('c', { adverse: true })]));
    expect(sanctions.risk).toBeGreaterThan(media.risk);
    expect(sanctions.risk).toBeGreaterThan(twoMedia.risk);
    const cleared = queueSignals(withHits([hit('a', { sanction: true }, 'False Positive')]));
    expect(cleared.openAmlHits).toBe(0);
    expect(cleared.risk).toBe(queueSignals(withHits([])).risk);
    // A local disposition outranks the status as sent.
    const dismissed = queueSignals(withHits([hit('a', { sanction: true })]), new Map([['a', 'False Positive']]));
    expect(dismissed.openAmlHits).toBe(0);
  });
});

describe('search folding and duplicate keys', () => {
  it('folds accents and letters like ð, þ and ø', () => {
    expect(foldText('  Óðinn  Þórsson ')).toBe('odinn thorsson');
    expect(foldText('Søren Łukasz Straße')).toBe('soren lukasz strasse');
  });

  it('matches inside words from three letters; shorter words go to the prefix index', () => {
    expect(infixMatchExpression('Odinn')).toBe('"odinn"');
    expect(infixMatchExpression('ica MÜÑ')).toBe('"ica" AND "mun"');
    expect(infixMatchExpression('li wei')).toBeNull();
    expect(infixMatchExpression('"*) OR')).toBeNull();
    expect(infixMatchExpression('" NEAR( foo*')).toBe('"near" AND "foo"');
  });

  it('keys a customer by document number, and by folded name and date of birth', () => {
    expect(duplicateKeys(kyc())).toEqual({
      documentKey: 'doc:AB123456',
      personKey: 'person:odinn thorsson|1980-02-03',
    });
  });

  it('the demo holds the three duplicate pairs DEMO_FACTS names, and no others', () => {
    const plan = demoPlan();
    const keys = new Map<string, number[]>();
    plan.issuerSessions.forEach((s, i) => {
      const { payload } = readSession({ session_id: `s${i}`, session_kind: s.kind, status: s.status, ...s.features });
      const k = duplicateKeys(payload);
      for (const key of [k.documentKey, k.personKey]) if (key) keys.set(key, [...(keys.get(key) ?? []), i]);
    });
    const pairs = [...keys.values()].filter((v) => v.length > 1).map((v) => v.join('-'));
    expect(new Set(pairs)).toEqual(new Set(DEMO_FACTS.duplicatePairs.map((p) => `${p.of}-${p.session}`)));
    const documentPairs = [...keys].filter(([k, v]) => k.startsWith('doc:') && v.length > 1);
    expect(documentPairs.map(([, v]) => v.join('-'))).toEqual(
      DEMO_FACTS.duplicatePairs.filter((p) => p.same === 'document').map((p) => `${p.of}-${p.session}`),
    );
    for (const pair of DEMO_FACTS.duplicatePairs) {
      const imported = (n: number) => plan.imports.find((i) => i.issuerSessionIndex === n);
      expect(imported(pair.of)).toMatchObject({ trustReview: false, vendorData: pair.ofVendorData });
      expect(imported(pair.session)).toMatchObject({ trustReview: false, vendorData: pair.sessionVendorData });
    }
  }, 60_000);
});
