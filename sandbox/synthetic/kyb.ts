/**
 * A synthetic KYB (business) session in Didit's documented shapes (docs/didit-api.md §6): registry data,
 * key people with role objects, documents in four groups, company AML and a questionnaire.
 *
 * Every generated company has this ownership shape (percentages vary with the seed):
 *
 *   subject company ── holding (a%) ── sub-holding (s%) ── UBO "two-path" person (u%)
 *        │                 │                    └──────── second person (100-u%)
 *        │                 └── the same two-path person (100-s%)      ← same `uuid` in both places
 *        ├── minority person (b%, direct shareholder)
 *        └── foreign holding (c%) ── one or two persons        (sometimes absent; then the cap table may be incomplete)
 *
 * so there are three levels of indirect ownership (company → holding → sub-holding → person), one UBO reached
 * through two paths (effective share a·(100−s)/100 + a·s·u/10000, always ≥ 25 %), and at least one person
 * below 25 %. A company's owners add up to exactly 100 % when its cap table is complete, less otherwise (only
 * the subject company's table is ever incomplete).
 *
 * On the wire there is no tree: as with Didit's nested KYB, every company of the chain is one `registry_checks`
 * item and the `key_people_checks` item at the same index (0 = the company under review). A company's direct
 * shareholders are parties with a `shareholder` role (corporate ones with `entity_type: "company"` and the
 * `registration_number` of their own registry check); its natural persons are also listed as registry beneficial
 * owners with a `ubo` role holding their look-through share of that company. shared/ownership.ts derives the tree
 * back. DEMO_FACTS (demo.ts) names the demo company whose figures the e2e tests check.
 */
import { amlScreening } from './aml.js';
import { randomCompany, registryCompany, type Company } from './companies.js';
import { addDays, randomDay } from './dates.js';
import { documentPagePng } from './images.js';
import {
  decideVerdict,
  featureStatus,
  mediaRef,
  warning,
  type Severity,
  type Verdict,
  type WarningObject,
} from './outcome.js';
import { documentPdf } from './pdf.js';
import { drawnOnRead } from './drawn-on-read.js';
import { COUNTRIES, personPool, type Person } from './people.js';
import { chance, digits, forkRng } from './rng.js';
import { KYB_FLAGS, type Rng, type SyntheticMedia, type SyntheticOptions, type SyntheticSession } from './types.js';
import type { OwnershipNode } from '../../shared/didit/session.js';

/** The header's `features` (business-verification/response-schema). */
export const KYB_FEATURE_NAMES = [
  'KYB_REGISTRY',
  'KYB_KEY_PEOPLE',
  'KYB_DOCUMENTS',
  'KYB_COMPANY_AML',
  'QUESTIONNAIRE',
] as const;

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
  /** Every natural person of the tree. */
  people: Person[];
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
  return {
    tree,
    owners,
    twoPath: owners.find((o) => o.person === twoPath)!,
    holdings,
    people: owners.map((o) => o.person),
    complete,
  };
}

const png = (draw: () => Uint8Array): SyntheticMedia => drawnOnRead('image/png', draw);
const pdf = (draw: () => Uint8Array): SyntheticMedia => drawnOnRead('application/pdf', draw);

interface Officer {
  person: Person;
  roles: string[];
  position: string;
}

interface Ctx {
  rng: Rng;
  company: Company;
  verdict: Verdict;
  ownership: Ownership;
  officers: Officer[];
  media: Record<string, SyntheticMedia>;
}

const sev = (ctx: Ctx, flag: (typeof KYB_FLAGS)[number]): Severity | undefined => ctx.verdict.severities.get(flag);

/** Every company of the chain, the subject first: the order of `registry_checks` and `key_people_checks`. */
function chain(ctx: Ctx): { company: Company; owners: OwnershipNode[] }[] {
  const byId = new Map(ctx.ownership.holdings.map((h) => [h.id, h]));
  const out = [{ company: ctx.company, owners: ctx.ownership.tree }];
  const visit = (nodes: OwnershipNode[]) => {
    for (const n of nodes) {
      const company = n.entity_type === 'company' ? byId.get(n.id ?? '') : undefined;
      if (company) out.push({ company, owners: n.owners ?? [] });
    }
    for (const n of nodes) visit(n.owners ?? []);
  };
  visit(ctx.ownership.tree);
  return out;
}

function registryCheck(ctx: Ctx, company: Company, subject: boolean) {
  const { rng } = ctx;
  const severity = subject ? sev(ctx, 'registry_issue') : undefined;
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
  if (subject && !ctx.ownership.complete)
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
    node_id: subject ? 'feature_kyb_registry' : `feature_kyb_registry_${company.id}`,
    status: featureStatus(ctx.verdict.outcome, severity),
    data_resolved: true,
    company: registryCompany(company, severity === 'decline'),
    warnings,
    registry_name: company.registry,
    retrieved_at: `${randomDay(rng, -20, -1)}T09:30:00Z`,
  };
}

function registryChecks(ctx: Ctx) {
  return chain(ctx).map(({ company }, i) => registryCheck(ctx, company, i === 0));
}

/** A plausible contact address for a fictional party (example.com only). */
function emailOf(local: string, id: string): string {
  const ascii = local
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ð/gi, 'd')
    .replace(/þ/gi, 'th')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${ascii || id}@example.com`;
}

type Role = { role: string; ownership_percent: number | null; voting_percent: number | null };
const role = (name: string, percent: number | null = null): Role => ({
  role: name,
  ownership_percent: percent,
  voting_percent: percent,
});

function personParty(
  p: Person,
  roles: Role[],
  source: 'REGISTRY' | 'USER',
  kycStatus: string,
  position: string | null = null,
) {
  return {
    uuid: p.id,
    name: p.fullName,
    first_name: p.firstName,
    last_name: p.lastName,
    entity_type: 'person',
    roles,
    source,
    email: emailOf(`${p.firstName} ${p.lastName}`, p.id),
    nationality: p.country.alpha3,
    country: p.address.country.alpha3,
    date_of_birth: p.dateOfBirth,
    position,
    custom_fields: {},
    kyc_session_id: null,
    kyc_status: kycStatus,
  };
}

function companyParty(co: Company, percent: number, source: 'REGISTRY' | 'USER') {
  return {
    uuid: co.id,
    name: co.legalName,
    company_name: co.legalName,
    entity_type: 'company',
    registration_number: co.registrationNumber,
    country: co.country.alpha3,
    email: emailOf(`legal ${co.latinName}`, co.id),
    roles: [role('shareholder', percent)],
    source,
    custom_fields: {},
  };
}

/** Each natural person's look-through share of the company whose direct owners are `owners` (unrounded). */
function lookThrough(owners: OwnershipNode[], factor = 1, out = new Map<string, number>()): Map<string, number> {
  for (const n of owners) {
    const share = factor * n.ownership_percentage;
    if (n.entity_type === 'person') out.set(n.id!, (out.get(n.id!) ?? 0) + share);
    else lookThrough(n.owners ?? [], share / 100, out);
  }
  return out;
}

function keyPeopleChecks(ctx: Ctx, people: ReadonlyMap<string, Person>, kycStatus: (p: Person) => string) {
  const severity = sev(ctx, 'key_people_issue');
  const { twoPath } = ctx.ownership;
  const companies = chain(ctx);
  return companies.map(({ company, owners }, index) => {
    const subject = index === 0;
    // Officers: the subject's board; each holding is run by one of its own owners (same uuid as elsewhere).
    const officers = subject
      ? ctx.officers.map((o) =>
          personParty(
            o.person,
            o.roles.map((r) => role(r)),
            'REGISTRY',
            kycStatus(o.person),
            o.position,
          ),
        )
      : owners
          .filter((n) => n.entity_type === 'person')
          .slice(0, 1)
          .map((n) =>
            personParty(people.get(n.id!)!, [role('director')], 'REGISTRY', kycStatus(people.get(n.id!)!), 'Director'),
          );
    const direct = new Map(
      owners.filter((n) => n.entity_type === 'person').map((n) => [n.id!, n.ownership_percentage]),
    );
    const beneficialOwners = [...lookThrough(owners)].map(([id, share]) => {
      const p = people.get(id)!;
      const roles = [role('ubo', round2(share))];
      if (direct.has(id)) roles.push(role('shareholder', direct.get(id)!));
      return personParty(p, roles, 'REGISTRY', kycStatus(p));
    });
    // What the applicant declared: its direct shareholders (the cap table), and on the subject the signatory and
    // the two-path UBO, with a different share when the key-people check is in review.
    const parties: object[] = owners.map((n) =>
      n.entity_type === 'company'
        ? companyParty(
            ctx.ownership.holdings.find((h) => h.id === n.id)!,
            n.ownership_percentage,
            'USER',
          )
        : personParty(
            people.get(n.id!)!,
            [role('shareholder', n.ownership_percentage)],
            'USER',
            kycStatus(people.get(n.id!)!),
          ),
    );
    if (subject) {
      const signatory = ctx.officers.find((o) => o.roles.includes('authorized_signatory'))!;
      const declared = severity === 'review' ? Math.round(twoPath.effective / 2) : twoPath.effective;
      parties.unshift(
        personParty(
          signatory.person,
          [role('authorized_signatory')],
          'USER',
          kycStatus(signatory.person),
          signatory.position,
        ),
      );
      parties.push(personParty(twoPath.person, [role('ubo', declared)], 'USER', kycStatus(twoPath.person)));
    }
    const warnings = [];
    if (subject && severity === 'decline')
      warnings.push(
        warning(
          'KEY_PEOPLE',
          'UBO_KYC_DECLINED',
          severity,
          'A beneficial owner failed KYC',
          `${twoPath.person.fullName} did not pass identity verification.`,
        ),
      );
    if (subject && severity === 'review')
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
      node_id: subject ? 'feature_kyb_key_people' : `feature_kyb_key_people_${company.id}`,
      status: featureStatus(ctx.verdict.outcome, subject ? severity : undefined),
      registry: { officers, beneficial_owners: beneficialOwners },
      submitted: { parties },
      ubo_kyc_summary: {},
      warnings,
    };
  });
}

/** The documented four groups (business-verification/documents), in this order. */
export const KYB_DOCUMENT_GROUPS = [
  'legal_presence',
  'company_details',
  'ownership_structure',
  'representatives_authorization',
] as const;

interface KybDocument {
  document_type: string;
  status: string;
  file: string;
  file_name: string;
  issuer: string;
  issue_date: string;
  warnings: WarningObject[];
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
      ...ctx.officers.filter((o) => o.roles.includes('director')).map((o) => `  ${o.person.fullName}`),
      'Shareholders:',
      ...capTable.map((l) => `  ${l}`),
      '',
      'Synthetic specimen generated for the Countersign sandbox; not a real company.',
    ],
    accent: company.country.alpha3,
  };
  ctx.media['kyb-certificate'] = png(() => documentPagePng(certificate));
  ctx.media['kyb-extract'] = pdf(() => documentPdf(extract));
  const shareholdersPdf = chance(rng, 0.5);
  const register = { ...extract, title: 'Shareholder Register', lines: capTable };
  ctx.media['kyb-shareholders'] = shareholdersPdf
    ? pdf(() => documentPdf(register))
    : png(() => documentPagePng(register));
  const shareholdersDate = addDays(extractDate, -rng.int(1, 30));
  const signatory = ctx.officers.find((o) => o.roles.includes('authorized_signatory'))!;
  const authorizationDate = randomDay(rng, -200, -10);
  const resolution = {
    issuer: company.latinName,
    title: 'Board Resolution',
    lines: [
      `Resolution of the board of ${company.latinName}, dated ${authorizationDate}:`,
      `${signatory.person.fullName} is authorised to represent the company`,
      'in its dealings with payment service providers.',
      '',
      'Synthetic specimen generated for the Countersign sandbox; not a real company.',
    ],
    accent: company.country.alpha3,
  };
  ctx.media['kyb-authorization'] = png(() => documentPagePng(resolution));
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
  const approved = featureStatus(outcome, undefined);
  const doc = (
    type: string,
    key: string,
    fileName: string,
    issuer: string,
    issueDate: string,
    status = approved,
    warnings: WarningObject[] = [],
  ): KybDocument => ({
    document_type: type,
    status,
    file: mediaRef(key),
    file_name: fileName,
    issuer,
    issue_date: issueDate,
    warnings,
  });
  const groups: Record<(typeof KYB_DOCUMENT_GROUPS)[number], { expected: number; documents: KybDocument[] }> = {
    legal_presence: {
      expected: 1,
      documents: [
        doc(
          'Certificate of Incorporation',
          'kyb-certificate',
          'certificate-of-incorporation.png',
          company.registry,
          company.incorporationDate,
        ),
      ],
    },
    company_details: {
      expected: 1,
      documents: [
        doc(
          'Register Extract',
          'kyb-extract',
          'register-extract.pdf',
          company.registry,
          extractDate,
          featureStatus(outcome, severity),
          extractWarnings,
        ),
      ],
    },
    ownership_structure: {
      expected: 1,
      documents: [
        doc(
          'Shareholder Register',
          'kyb-shareholders',
          shareholdersPdf ? 'shareholder-register.pdf' : 'shareholder-register.png',
          company.legalName,
          shareholdersDate,
        ),
      ],
    },
    // With a document issue the power of attorney the workflow also expects was never uploaded.
    representatives_authorization: {
      expected: severity ? 2 : 1,
      documents: [
        doc('Board Resolution', 'kyb-authorization', 'board-resolution.png', company.legalName, authorizationDate),
      ],
    },
  };
  return [
    {
      node_id: 'feature_kyb_documents',
      status: featureStatus(outcome, severity),
      warnings: extractWarnings,
      groups: KYB_DOCUMENT_GROUPS.map((group) => {
        const { expected, documents: docs } = groups[group];
        return {
          group,
          summary: {
            total_expected: expected,
            approved: docs.filter((d) => d.status === 'Approved').length,
            pending_review: docs.filter((d) => d.status === 'In Review').length,
            missing: Math.max(0, expected - docs.length),
          },
          documents: docs,
        };
      }),
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
  const officers: Officer[] = [
    { person: directors[0], roles: ['director'], position: 'Managing Director' },
    { person: directors[1], roles: ['director', 'authorized_signatory'], position: 'Director' },
    { person: newPerson({ country: company.country }), roles: ['secretary'], position: 'Company Secretary' },
  ];
  const people = new Map([...ownership.people, ...officers.map((o) => o.person)].map((p) => [p.id, p]));
  const ctx: Ctx = { rng, company, verdict, ownership, officers, media: {} };
  const part = <T>(f: (c: Ctx) => T): T => f({ ...ctx, rng: forkRng(rng) });
  const session: SyntheticSession = {
    kind: 'business',
    status: verdict.status,
    vendorData: opts.vendorData ?? `business-${digits(rng, 8)}`,
    features: {
      registry_checks: part(registryChecks),
      key_people_checks: part((c) => keyPeopleChecks(c, people, kycStatus)),
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
              country_code: company.country.alpha3,
              incorporation_date: company.incorporationDate,
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
