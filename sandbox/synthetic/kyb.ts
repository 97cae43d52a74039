/**
 * A synthetic KYB (business) session: registry data, a layered ownership tree, key people, documents, company
 * AML and a questionnaire.
 *
 * Every generated company has this ownership shape (percentages vary with the seed):
 *
 *   subject company ── holding (a%) ── sub-holding (s%) ── UBO "two-path" person (u%)
 *        │                 │                    └──────── second person (100-u%)
 *        │                 └── the same two-path person (100-s%)      ← same `id` in both places
 *        ├── minority person (b%, direct shareholder)
 *        └── foreign holding (c%) ── one or two persons        (sometimes absent; then the cap table may be incomplete)
 *
 * so there are three levels of indirect ownership (company → holding → sub-holding → person), one UBO reached
 * through two paths (effective share a·(100−s)/100 + a·s·u/10000, always ≥ 25 %), and at least one person
 * below 25 %. A company's owners add up to exactly 100 % when its cap table is complete, less otherwise (only
 * the subject company's table is ever incomplete). `ownership_percentage` on a node is its direct share of the
 * company it sits under. DEMO_FACTS (demo.ts) names the demo company whose figures the e2e tests check.
 */
import { amlScreening } from './aml.js';
import { randomCompany, type Company } from './companies.js';
import { addDays, randomDay } from './dates.js';
import { documentPagePng } from './images.js';
import { decideVerdict, featureStatus, mediaRef, warning, type Severity, type Verdict } from './outcome.js';
import { documentPdf } from './pdf.js';
import { COUNTRIES, personPool, type Person } from './people.js';
import { chance, digits, forkRng } from './rng.js';
import { KYB_FLAGS, type Rng, type SyntheticMedia, type SyntheticOptions, type SyntheticSession } from './types.js';
import type { OwnershipNode } from '../../shared/session.js';

export const KYB_FEATURE_NAMES = ['REGISTRY', 'KEY_PEOPLE', 'DOCUMENTS', 'AML', 'QUESTIONNAIRE'] as const;

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface BeneficialOwner {
  person: Person;
  /** Effective share of the subject company, in percent, rounded to 2 decimals. */
  effective: number;
  /** Whether the person holds shares of the subject company directly. */
  direct: boolean;
}

export interface Ownership {
  tree: OwnershipNode[];
  owners: BeneficialOwner[];
  twoPath: BeneficialOwner;
  holdings: Company[];
  complete: boolean;
}

/** Builds the tree in the header comment and the effective share of every person in it. */
function buildOwnership(rng: Rng, subject: Company, newPerson: ReturnType<typeof personPool>): Ownership {
  const sameCountry = { country: subject.country };
  const holding = randomCompany(rng, { ...sameCountry, holding: true });
  const subHolding = randomCompany(rng, { holding: true });
  const twoPath = newPerson(sameCountry);
  const partner = newPerson();
  const minority = newPerson(sameCountry);
  const a = rng.int(50, 70);
  const s = rng.int(50, 75);
  const u = rng.int(40, 65);
  const b = rng.int(5, 18);
  const withForeign = chance(rng, 0.7);
  const complete = !withForeign || chance(rng, 0.75);
  const gap = complete ? 0 : rng.int(4, 12);
  const c = 100 - a - b - gap;

  const personNode = (p: Person, pct: number): OwnershipNode => ({
    name: p.fullName,
    entity_type: 'person',
    ownership_percentage: pct,
    jurisdiction: p.country.alpha3,
    id: p.id,
    kyc_session_id: null,
    kyc_status: null,
  });
  const companyNode = (co: Company, pct: number, owners: OwnershipNode[]): OwnershipNode => ({
    name: co.legalName,
    entity_type: 'company',
    ownership_percentage: pct,
    registration_number: co.registrationNumber,
    jurisdiction: co.country.alpha3,
    id: co.id,
    owners,
  });

  const effective = new Map<Person, { share: number; direct: boolean }>();
  const credit = (p: Person, share: number, direct = false) => {
    const prev = effective.get(p) ?? { share: 0, direct: false };
    effective.set(p, { share: prev.share + share, direct: prev.direct || direct });
  };
  credit(twoPath, (a * (100 - s)) / 100);
  credit(twoPath, (a * s * u) / 10_000);
  credit(partner, (a * s * (100 - u)) / 10_000);
  credit(minority, b, true);

  const tree: OwnershipNode[] = [
    companyNode(holding, a, [
      companyNode(subHolding, s, [personNode(twoPath, u), personNode(partner, 100 - u)]),
      personNode(twoPath, 100 - s),
    ]),
    personNode(minority, b),
  ];
  const holdings = [holding, subHolding];
  if (withForeign) {
    const foreign = randomCompany(rng, {
      country: rng.pick(COUNTRIES.filter((x) => x !== subject.country)),
      holding: true,
    });
    const first = newPerson({ country: foreign.country });
    const split = chance(rng, 0.5) ? 100 : rng.int(55, 80);
    const owners = [personNode(first, split)];
    credit(first, (c * split) / 100);
    if (split < 100) {
      const second = newPerson({ country: foreign.country });
      owners.push(personNode(second, 100 - split));
      credit(second, (c * (100 - split)) / 100);
    }
    tree.push(companyNode(foreign, c, owners));
    holdings.push(foreign);
  } else {
    // No foreign holding: the remainder goes to a second direct shareholder, keeping the table complete.
    const other = newPerson(sameCountry);
    tree.push(personNode(other, c));
    credit(other, c, true);
  }
  const owners = [...effective].map(([person, e]) => ({ person, effective: round2(e.share), direct: e.direct }));
  return { tree, owners, twoPath: owners.find((o) => o.person === twoPath)!, holdings, complete };
}

const png = (bytes: Uint8Array): SyntheticMedia => ({ contentType: 'image/png', bytes });
const pdf = (bytes: Uint8Array): SyntheticMedia => ({ contentType: 'application/pdf', bytes });

interface Ctx {
  rng: Rng;
  company: Company;
  verdict: Verdict;
  ownership: Ownership;
  officers: { person: Person; roles: string[] }[];
  media: Record<string, SyntheticMedia>;
}

const sev = (ctx: Ctx, flag: (typeof KYB_FLAGS)[number]): Severity | undefined => ctx.verdict.severities.get(flag);

function registryCheck(ctx: Ctx) {
  const { company, rng } = ctx;
  const severity = sev(ctx, 'registry_issue');
  const warnings = [];
  if (severity === 'decline')
    warnings.push(
      warning(
        'REGISTRY',
        'COMPANY_NOT_ACTIVE',
        severity,
        'Company is not active',
        `The registry lists ${company.legalName} as dissolved.`,
      ),
    );
  if (severity === 'review')
    warnings.push(
      warning(
        'REGISTRY',
        'ADDRESS_MISMATCH',
        severity,
        'Registered address differs',
        'The address submitted by the applicant differs from the registered office.',
      ),
    );
  if (!ctx.ownership.complete)
    warnings.push(
      warning(
        'REGISTRY',
        'INCOMPLETE_CAP_TABLE',
        'info',
        'Cap table incomplete',
        'Some shareholders are not identified in the register (shares below the disclosure threshold).',
      ),
    );
  return {
    node_id: 'feature_registry',
    status: featureStatus(ctx.verdict.outcome, severity),
    warnings,
    company: {
      legal_name: company.legalName,
      registration_number: company.registrationNumber,
      jurisdiction: company.country.alpha3,
      incorporation_date: company.incorporationDate,
      status: severity === 'decline' ? 'Dissolved' : 'Active',
      address: company.address.formatted,
      legal_form: company.legalForm,
    },
    ownership_structure: ctx.ownership.tree,
    registry_name: company.registry,
    retrieved_at: `${randomDay(rng, -20, -1)}T09:30:00Z`,
  };
}

function keyPerson(
  p: Person,
  roles: string[],
  source: 'REGISTRY' | 'USER',
  kycStatus: string,
  ownership: number | null,
) {
  return {
    id: p.id,
    name: p.fullName,
    entity_type: 'person',
    roles,
    source,
    ownership_percentage: ownership,
    kyc_session_id: null,
    kyc_status: kycStatus,
    nationality: p.country.alpha3,
    date_of_birth: p.dateOfBirth,
  };
}

function keyPeopleCheck(ctx: Ctx, kycStatus: (p: Person) => string) {
  const severity = sev(ctx, 'key_people_issue');
  const { owners, twoPath } = ctx.ownership;
  const officers = ctx.officers.map((o) => keyPerson(o.person, o.roles, 'REGISTRY', kycStatus(o.person), null));
  const beneficialOwners = owners.map((o) =>
    keyPerson(o.person, o.direct ? ['UBO', 'Shareholder'] : ['UBO'], 'REGISTRY', kycStatus(o.person), o.effective),
  );
  // What the applicant declared: the signatory and the owners, one of them with a different share when in review.
  const signatory = ctx.officers.find((o) => o.roles.includes('Authorized signatory'))!;
  const parties = [
    keyPerson(signatory.person, ['Authorized signatory'], 'USER', kycStatus(signatory.person), null),
    ...owners.map((o) =>
      keyPerson(
        o.person,
        ['UBO'],
        'USER',
        kycStatus(o.person),
        severity === 'review' && o === twoPath ? Math.round(o.effective / 2) : o.effective,
      ),
    ),
  ];
  const warnings = [];
  if (severity === 'decline')
    warnings.push(
      warning(
        'KEY_PEOPLE',
        'UBO_KYC_DECLINED',
        severity,
        'A beneficial owner failed KYC',
        `${twoPath.person.fullName} did not pass identity verification.`,
      ),
    );
  if (severity === 'review')
    warnings.push(
      warning(
        'KEY_PEOPLE',
        'OWNERSHIP_MISMATCH',
        severity,
        'Declared ownership differs from the registry',
        `The applicant declared a different share for ${twoPath.person.fullName} than the register shows.`,
      ),
    );
  return {
    node_id: 'feature_key_people',
    status: featureStatus(ctx.verdict.outcome, severity),
    warnings,
    registry: { officers, beneficial_owners: beneficialOwners },
    submitted: { parties },
  };
}

function documents(ctx: Ctx) {
  const { company, rng } = ctx;
  const severity = sev(ctx, 'document_issue');
  const outcome = ctx.verdict.outcome;
  // Document fonts have no Japanese glyphs: companies print under their Latin names.
  const latin = new Map(ctx.ownership.holdings.map((h) => [h.id, h.latinName]));
  const capTable = ctx.ownership.tree.map((n) => `${latin.get(n.id ?? '') ?? n.name}: ${n.ownership_percentage} %`);
  const certificate = {
    issuer: company.registry,
    title: 'Certificate of Incorporation',
    lines: [
      `This certifies that ${company.latinName}`,
      `(${company.legalForm}), registration number ${company.registrationNumber},`,
      `was incorporated on ${company.incorporationDate}.`,
      `Registered office: ${company.address.latin}`,
      '',
      'Synthetic specimen generated for the Countersign sandbox; not a real company.',
    ],
    accent: company.country.alpha3,
  };
  const extractDate = severity === 'decline' ? randomDay(rng, -900, -400) : randomDay(rng, -40, -2);
  const extract = {
    issuer: company.registry,
    title: 'Register Extract',
    lines: [
      `Company: ${company.latinName}`,
      `Registration number: ${company.registrationNumber}`,
      `Legal form: ${company.legalForm}`,
      `Extract date: ${extractDate}`,
      'Directors:',
      ...ctx.officers.filter((o) => o.roles.includes('Director')).map((o) => `  ${o.person.fullName}`),
      'Shareholders:',
      ...capTable.map((l) => `  ${l}`),
      '',
      'Synthetic specimen generated for the Countersign sandbox; not a real company.',
    ],
    accent: company.country.alpha3,
  };
  ctx.media['kyb-certificate'] = png(documentPagePng(certificate));
  ctx.media['kyb-extract'] = pdf(documentPdf(extract));
  ctx.media['kyb-shareholders'] = chance(rng, 0.5)
    ? pdf(documentPdf({ ...extract, title: 'Shareholder Register', lines: capTable }))
    : png(documentPagePng({ ...extract, title: 'Shareholder Register', lines: capTable }));
  const extractWarnings =
    severity === 'decline'
      ? [
          warning(
            'DOCUMENTS',
            'DOCUMENT_TOO_OLD',
            severity,
            'Register extract too old',
            `The extract is dated ${extractDate}; an extract under 90 days old is required.`,
          ),
        ]
      : severity === 'review'
        ? [
            warning(
              'DOCUMENTS',
              'DATA_MISMATCH',
              severity,
              'Extract differs from the registry',
              'The shareholder list on the extract does not match the registry check.',
            ),
          ]
        : [];
  return [
    {
      node_id: 'feature_documents',
      status: featureStatus(outcome, undefined),
      warnings: [],
      document_type: 'Certificate of Incorporation',
      file: mediaRef('kyb-certificate'),
      issuer: company.registry,
      issue_date: company.incorporationDate,
    },
    {
      node_id: 'feature_documents',
      status: featureStatus(outcome, severity),
      warnings: extractWarnings,
      document_type: 'Register Extract',
      file: mediaRef('kyb-extract'),
      issuer: company.registry,
      issue_date: extractDate,
    },
    {
      node_id: 'feature_documents',
      status: featureStatus(outcome, undefined),
      warnings: [],
      document_type: 'Shareholder Register',
      file: mediaRef('kyb-shareholders'),
      issuer: company.legalName,
      issue_date: addDays(extractDate, -rng.int(1, 30)),
    },
  ];
}

function questionnaire(ctx: Ctx) {
  const { rng, company } = ctx;
  const severity = sev(ctx, 'questionnaire_issue');
  const warnings = severity
    ? [
        warning(
          'QUESTIONNAIRE',
          'HIGH_RISK_ANSWER',
          severity,
          'High-risk answer',
          'The applicant reports cash-intensive activity in high-risk jurisdictions.',
        ),
      ]
    : [];
  return {
    node_id: 'feature_questionnaire',
    status: featureStatus(ctx.verdict.outcome, severity),
    warnings,
    title: 'Business profile',
    answers: [
      {
        question: 'Describe the nature of the business',
        answer: `${company.legalName} is a fictional company created for the Countersign demo.`,
      },
      {
        question: 'Expected monthly volume (EUR)',
        answer: rng.pick(['< 50,000', '50,000 – 250,000', '250,000 – 1,000,000']),
      },
      { question: 'Countries of operation', answer: [company.country.alpha3, rng.pick(COUNTRIES).alpha3] },
      { question: 'Does the business handle cash?', answer: severity !== undefined },
      { question: 'Operates in high-risk jurisdictions?', answer: severity === 'decline' },
      { question: 'Number of employees', answer: rng.int(2, 480) },
    ],
  };
}

export interface KybResult {
  session: SyntheticSession;
  company: Company;
  ownership: Ownership;
}

export function kybSessionWithFacts(opts: SyntheticOptions): KybResult {
  const rng = opts.rng;
  const verdict = decideVerdict('business', opts.status, opts.flags, KYB_FLAGS, rng);
  const company = randomCompany(forkRng(rng));
  const peopleRng = forkRng(rng);
  const newPerson = personPool(peopleRng);
  const ownership = buildOwnership(peopleRng, company, newPerson);
  // A person's KYC status: all approved when the session is; otherwise a mix, with the two-path UBO declined when
  // the key-people check declines.
  const statusRng = forkRng(rng);
  const statuses = new Map<string, string>();
  if (verdict.severities.get('key_people_issue') === 'decline') statuses.set(ownership.twoPath.person.id, 'Declined');
  const kycStatus = (p: Pick<Person, 'id'>) => {
    if (!statuses.has(p.id))
      statuses.set(
        p.id,
        verdict.outcome === 'approved'
          ? 'Approved'
          : statusRng.pick(['Approved', 'Approved', 'In Review', 'Not Started']),
      );
    return statuses.get(p.id)!;
  };
  const stamp = (nodes: OwnershipNode[]) => {
    for (const n of nodes) {
      if (n.entity_type === 'person') n.kyc_status = kycStatus({ id: n.id! });
      if (n.owners) stamp(n.owners);
    }
  };
  stamp(ownership.tree);
  const directors = [ownership.twoPath.person, newPerson({ country: company.country })];
  const officers = [
    { person: directors[0], roles: ['Director'] },
    { person: directors[1], roles: ['Director', 'Authorized signatory'] },
    { person: newPerson({ country: company.country }), roles: ['Officer'] },
  ];
  const ctx: Ctx = { rng, company, verdict, ownership, officers, media: {} };
  const part = <T>(f: (c: Ctx) => T): T => f({ ...ctx, rng: forkRng(rng) });
  const session: SyntheticSession = {
    kind: 'business',
    status: verdict.status,
    vendorData: opts.vendorData ?? `business-${digits(rng, 8)}`,
    features: {
      registry_checks: [part(registryCheck)],
      key_people_checks: [part((c) => keyPeopleCheck(c, kycStatus))],
      document_verifications: part(documents),
      aml_screenings: [
        amlScreening(
          forkRng(rng),
          {
            entityType: 'company',
            name: company.legalName,
            country: company.country.alpha3,
            date: company.incorporationDate,
            screenedData: {
              company_name: company.legalName,
              registration_number: company.registrationNumber,
              jurisdiction: company.country.alpha3,
            },
          },
          verdict.severities,
          verdict.outcome,
        ),
      ],
      questionnaires: [part(questionnaire)],
    },
    featureNames: [...KYB_FEATURE_NAMES],
    media: ctx.media,
  };
  return { session, company, ownership };
}
