/**
 * The deterministic demo world: an issuer with 64 KYC and 14 KYB finished sessions covering every status and
 * risk signal, and the imports its partner (the receiver) already holds. Every session has its own seed, so the
 * plan is identical on every run and editing one entry leaves the others unchanged.
 */
import { kybSessionWithFacts } from './kyb.js';
import { kycSession } from './kyc.js';
import { createRng, shuffle } from './rng.js';
import type { DemoPlan, SyntheticFlag, SyntheticIdentity, SyntheticSession } from './types.js';

export const DEMO_SEED = 20_260_601;
export const DEMO_APPLICATION_NAMES = ['Northwind Bank (issuer)', 'Harbor Pay (receiver)'] as const;

/**
 * Facts about the generated demo that end-to-end tests can check the UI against. The unit tests recompute every
 * figure here from `demoPlan()` (walking the ownership tree independently), so a generator change that moves
 * them fails there first.
 *
 * The two-path UBO: Próbka Textiles sp. z o.o. is 55 % owned by Wzór Investments sp. z o.o., which is 50 % owned
 * by Próbka Participations sp. z o.o. (of which Zofia Przykładowski holds 45 %) and 50 % by Zofia Przykładowski
 * directly: 55·50/100 + 55·50·45/10000 = 27.5 + 12.375 = 39.875 → 39.88 %.
 */
export const DEMO_FACTS = {
  issuerApplication: DEMO_APPLICATION_NAMES[0],
  receiverApplication: DEMO_APPLICATION_NAMES[1],
  kycSessions: 64,
  kybSessions: 14,
  twoPathUbo: {
    issuerSessionIndex: 22,
    issuerVendorData: 'nw-company-0023',
    /** Imported with trust_review false, so it waits In Review in the receiver. */
    receiverVendorData: 'hp-business-0017',
    companyLegalName: 'Próbka Textiles sp. z o.o.',
    uboId: 'person-rkaj620990',
    uboName: 'Zofia Przykładowski',
    effectivePercent: 39.88,
    /** Every natural person's effective share of the company, rounded to 2 decimals. */
    beneficialOwners: [
      { name: 'Zofia Przykładowski', effectivePercent: 39.88 },
      { name: 'Łukasz Próbka-Wzorowa', effectivePercent: 29 },
      { name: 'Paweł Wzorcowa', effectivePercent: 16 },
      { name: 'João Modelo Gonçalves', effectivePercent: 15.13 },
    ],
  },
  /**
   * Three pairs of imported KYC sessions of the same customer, both In Review for the receiver: the later session
   * (`session`) verifies the person of the earlier one (`of`); `document` pairs also share the document number,
   * `person` pairs only the name and date of birth (a new document). The queue flags both sessions of each pair.
   */
  duplicatePairs: [
    { of: 8, session: 11, same: 'document', ofVendorData: 'hp-customer-0006', sessionVendorData: 'hp-customer-0008' },
    { of: 14, session: 31, same: 'person', ofVendorData: 'hp-customer-0011', sessionVendorData: 'hp-customer-0022' },
    { of: 19, session: 34, same: 'person', ofVendorData: 'hp-customer-0015', sessionVendorData: 'hp-customer-0023' },
  ],
} as const;

interface Spec {
  kind: 'user' | 'business';
  status: string;
  flags: SyntheticFlag[];
}

const cycle = <T>(items: readonly T[], n: number): T[] => Array.from({ length: n }, (_, i) => items[i % items.length]);

function kycSpecs(): Spec[] {
  const approved: SyntheticFlag[][] = [
    ...cycle([[]], 22),
    ['aml_pep'],
    ['aml_adverse_media'],
    ['aml_sanctions'],
    ['aml_pep', 'aml_adverse_media'],
  ];
  const declined: SyntheticFlag[][] = [
    ['face_mismatch'],
    ['low_liveness'],
    ['aml_sanctions'],
    ['document_issue'],
    ['aml_pep', 'aml_adverse_media'],
    ['database_mismatch'],
    ['aml_adverse_media'],
    ['poa_issue'],
    ['risky_ip', 'risky_email'],
    ['risky_email'],
    ['risky_phone'],
    ['face_mismatch', 'low_liveness'],
    ['low_liveness', 'aml_pep'],
    ['aml_sanctions', 'risky_ip'],
    ['face_mismatch', 'aml_adverse_media'],
    ['document_issue', 'database_mismatch'],
  ];
  const review: SyntheticFlag[][] = [
    ['aml_pep'],
    ['aml_adverse_media'],
    ['aml_sanctions'],
    ['face_mismatch'],
    ['low_liveness'],
    ['poa_issue'],
    ['database_mismatch'],
    ['document_issue'],
    ['risky_ip'],
    ['risky_phone'],
    ['risky_email'],
    ['aml_pep', 'face_mismatch'],
    ['aml_sanctions', 'aml_adverse_media'],
    ['low_liveness', 'risky_ip'],
    ['aml_pep', 'aml_adverse_media'],
    ['face_mismatch', 'poa_issue'],
    ['aml_adverse_media', 'low_liveness'],
    ['aml_pep'],
    ['aml_sanctions'],
    ['aml_adverse_media'],
    ['database_mismatch', 'risky_email'],
    ['low_liveness', 'face_mismatch'],
  ];
  return [
    ...approved.map((flags) => ({ kind: 'user' as const, status: 'Approved', flags })),
    ...declined.map((flags) => ({ kind: 'user' as const, status: 'Declined', flags })),
    ...review.map((flags) => ({ kind: 'user' as const, status: 'In Review', flags })),
  ];
}

function kybSpecs(): Spec[] {
  const rows: [string, SyntheticFlag[]][] = [
    ['APPROVED', []],
    ['APPROVED', []],
    ['APPROVED', ['aml_adverse_media']],
    ['APPROVED', []],
    ['APPROVED', ['aml_pep']],
    ['IN_REVIEW', ['aml_pep']],
    ['IN_REVIEW', ['key_people_issue']],
    ['IN_REVIEW', ['registry_issue', 'aml_adverse_media']],
    ['IN_REVIEW', ['document_issue']],
    ['IN_REVIEW', ['questionnaire_issue', 'aml_sanctions']],
    ['DECLINED', ['aml_sanctions']],
    ['DECLINED', ['key_people_issue', 'aml_pep']],
    ['DECLINED', ['registry_issue']],
    ['DECLINED', ['document_issue', 'questionnaire_issue']],
  ];
  return rows.map(([status, flags]) => ({ kind: 'business', status, flags }));
}

/** Where each spec lands in the issuer's list: shuffled once with the demo seed, so kinds and statuses mix. */
function orderedSpecs(): Spec[] {
  return shuffle(createRng(DEMO_SEED), [...kycSpecs(), ...kybSpecs()]);
}

/** The receiver's own id for an imported session (its `vendor_data`). */
const receiverVendorData = (kind: 'user' | 'business', n: number) =>
  `${kind === 'user' ? 'hp-customer' : 'hp-business'}-${String(n).padStart(4, '0')}`;

function planImports(specs: Spec[]): DemoPlan['imports'] {
  const rng = createRng(DEMO_SEED + 1);
  const imports: DemoPlan['imports'] = [];
  specs.forEach((spec, index) => {
    if (rng.next() >= 0.6) return;
    // Most land In Review for the receiver's own decision; about one in four keeps the issuer's status.
    imports.push({
      issuerSessionIndex: index,
      trustReview: rng.next() < 0.25,
      vendorData: receiverVendorData(spec.kind, imports.length + 1),
    });
  });
  return imports;
}

/** The customers the duplicate pairs repeat, generated once (the plan is deterministic, so this is too). */
const identities = new Map<number, SyntheticIdentity | undefined>();
function earlierIdentity(index: number): SyntheticIdentity | undefined {
  if (!identities.has(index)) identities.set(index, demoSession(index).session.identity);
  return identities.get(index);
}

export function demoSession(index: number): ReturnType<typeof kybSessionWithFacts> | { session: SyntheticSession } {
  const spec = orderedSpecs()[index];
  if (!spec) throw new Error(`The demo plan has no session ${index}`);
  const options = {
    kind: spec.kind,
    status: spec.status,
    flags: spec.flags,
    rng: createRng(DEMO_SEED + 7919 * (index + 1)),
    vendorData: `nw-${spec.kind === 'user' ? 'user' : 'company'}-${String(index + 1).padStart(4, '0')}`,
  };
  if (spec.kind === 'business') return kybSessionWithFacts(options);
  const pair = DEMO_FACTS.duplicatePairs.find((p) => p.session === index);
  const earlier = pair ? earlierIdentity(pair.of) : undefined;
  const identity = earlier
    ? { person: earlier.person, ...(pair?.same === 'document' ? { documentNumber: earlier.documentNumber } : {}) }
    : undefined;
  return { session: kycSession({ ...options, ...(identity ? { identity } : {}) }) };
}

/**
 * The plan. Sessions are generated on first read of `issuerSessions` (about 80 with images), so reading only
 * the application names costs nothing.
 */
export function demoPlan(): DemoPlan {
  const specs = orderedSpecs();
  let sessions: SyntheticSession[] | undefined;
  return {
    applications: DEMO_APPLICATION_NAMES.map((name) => ({ name })),
    get issuerSessions() {
      sessions ??= specs.map((_, i) => demoSession(i).session);
      return sessions;
    },
    imports: planImports(specs),
  };
}
