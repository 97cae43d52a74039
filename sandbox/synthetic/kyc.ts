/**
 * A synthetic KYC (user) session: one fictional person, every feature array of didit-api.md section 3 filled,
 * feature statuses and warnings that agree with the session status, and the raster media those features cite.
 */
import { amlScreening } from './aml.js';
import { addDays, cardDate, randomDay } from './dates.js';
import { toFontText } from './font.js';
import { documentPagePng, idBackPng, idFrontPng, portraitPng, selfiePng } from './images.js';
import { buildTd1 } from './mrz.js';
import { decideVerdict, featureStatus, mediaRef, warning, type Severity, type Verdict } from './outcome.js';
import { documentPdf } from './pdf.js';
import { COUNTRIES, fillPattern, randomAddress, randomLooks, randomPerson, type Person } from './people.js';
import { between, chance, digits, forkRng, letters } from './rng.js';
import { KYC_FLAGS, type Rng, type SyntheticMedia, type SyntheticOptions, type SyntheticSession } from './types.js';

export const KYC_FEATURE_NAMES = [
  'ID_VERIFICATION',
  'LIVENESS',
  'FACE_MATCH',
  'AML',
  'DATABASE_VALIDATION',
  'PROOF_OF_ADDRESS',
  'PHONE',
  'EMAIL',
  'IP_ANALYSIS',
] as const;

/**
 * Score bands the generator respects (0..100): below `decline` the check declines, below `review` it needs review.
 * Approved sessions score at or above `review`.
 */
export const SCORE_THRESHOLDS = {
  faceMatch: { decline: 40, review: 70 },
  liveness: { decline: 50, review: 75 },
} as const;

const png = (bytes: Uint8Array): SyntheticMedia => ({ contentType: 'image/png', bytes });
const pdf = (bytes: Uint8Array): SyntheticMedia => ({ contentType: 'application/pdf', bytes });

interface Ctx {
  rng: Rng;
  person: Person;
  verdict: Verdict;
  media: Record<string, SyntheticMedia>;
}

const sev = (ctx: Ctx, flag: (typeof KYC_FLAGS)[number]): Severity | undefined => ctx.verdict.severities.get(flag);
const status = (ctx: Ctx, severity: Severity | undefined) => featureStatus(ctx.verdict.outcome, severity);

/** A score in the band the severity calls for. */
function score(rng: Rng, severity: Severity | undefined, bands: { decline: number; review: number }): number {
  if (severity === 'decline') return between(rng, 5, bands.decline - 1, 2);
  if (severity === 'review') return between(rng, bands.decline, bands.review - 1, 2);
  return between(rng, bands.review + 5, 99.5, 2);
}

function idVerification(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'document_issue');
  const residence = chance(rng, 0.2);
  // A residence permit is issued by the country the person lives in, not the one of their nationality.
  const issuer = residence ? rng.pick(COUNTRIES.filter((c) => c !== person.country)) : person.country;
  const address = residence ? randomAddress(rng, issuer) : person.address;
  // Later features (proof of address, IP) read the address from the person: this runs first.
  person.address = address;
  const documentType = residence ? 'Residence Permit' : 'Identity Card';
  const documentNumber = `${letters(rng, 3)}${digits(rng, 6)}`;
  const personalNumber = person.country.alpha3 === 'ESP' ? `${digits(rng, 8)}${letters(rng, 1)}` : digits(rng, 11);
  const expired = severity === 'decline';
  const expirationDate = expired ? randomDay(rng, -400, -20) : randomDay(rng, 900, 3300);
  const dateOfIssue = addDays(expirationDate, -3652);
  const mrz = buildTd1({
    documentCode: residence ? 'IR' : 'ID',
    issuingState: issuer.alpha3,
    documentNumber,
    dateOfBirth: person.dateOfBirth,
    gender: person.gender,
    expirationDate,
    nationality: person.country.alpha3,
    lastName: person.lastName,
    firstName: person.firstName,
  });
  ctx.media['id-front'] = png(
    idFrontPng({
      issuingStateName: issuer.name,
      issuingState: issuer.alpha3,
      documentType,
      lastName: person.lastName,
      firstName: person.firstName,
      dateOfBirth: cardDate(person.dateOfBirth),
      gender: person.gender,
      nationality: person.country.alpha3,
      documentNumber,
      expirationDate: cardDate(expirationDate),
      looks: person.looks,
    }),
  );
  ctx.media['id-back'] = png(
    idBackPng({
      issuingState: issuer.alpha3,
      address: address.latin,
      placeOfBirth: person.placeOfBirth.latin,
      dateOfIssue: cardDate(dateOfIssue),
      authority: `${issuer.name} Identity Office (specimen)`,
      mrzLines: mrz.lines,
    }),
  );
  ctx.media.portrait = png(portraitPng(person.looks));
  const warnings = [];
  if (severity === 'decline') {
    warnings.push(
      warning(
        'ID_VERIFICATION',
        'DOCUMENT_EXPIRED',
        severity,
        'Document expired',
        `The ${documentType.toLowerCase()} expired on ${expirationDate}.`,
      ),
    );
  } else if (severity === 'review') {
    warnings.push(
      warning(
        'ID_VERIFICATION',
        'DATA_INCONSISTENT',
        severity,
        'Printed data differs from the MRZ',
        'The date of issue printed on the card could not be confirmed against the machine-readable zone.',
      ),
    );
  }
  return {
    node_id: 'feature_ocr',
    status: status(ctx, severity),
    warnings,
    document_type: documentType,
    document_number: documentNumber,
    personal_number: personalNumber,
    issuing_state: issuer.alpha3,
    issuing_state_name: issuer.name,
    first_name: person.firstName,
    last_name: person.lastName,
    full_name: person.fullName,
    date_of_birth: person.dateOfBirth,
    age: person.age,
    gender: person.gender,
    nationality: person.country.alpha3,
    date_of_issue: dateOfIssue,
    expiration_date: expirationDate,
    address: address.formatted,
    place_of_birth: person.placeOfBirth.name,
    front_image: mediaRef('id-front'),
    back_image: mediaRef('id-back'),
    portrait_image: mediaRef('portrait'),
    mrz,
    matches: [],
  };
}

function liveness(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'low_liveness');
  const faceSeverity = sev(ctx, 'face_mismatch');
  // A declined face match means someone else took the selfie.
  const selfieLooks = faceSeverity === 'decline' ? randomLooks(rng) : person.looks;
  ctx.media.selfie = png(selfiePng(selfieLooks, rng.int(0, 19)));
  const s = score(rng, severity, SCORE_THRESHOLDS.liveness);
  const warnings = severity
    ? [
        warning(
          'LIVENESS',
          'LOW_LIVENESS_SCORE',
          severity,
          'Low liveness score',
          `The liveness score ${s} is below the ${severity === 'decline' ? 'decline' : 'review'} threshold.`,
        ),
      ]
    : [];
  return {
    node_id: 'feature_liveness',
    status: status(ctx, severity),
    warnings,
    method: rng.pick(['PASSIVE', 'ACTIVE_3D', 'FLASHING']),
    score: s,
    reference_image: mediaRef('selfie'),
    video_url: null,
    age_estimation: between(rng, person.age - 4, person.age + 4, 1),
  };
}

function faceMatch(ctx: Ctx) {
  const severity = sev(ctx, 'face_mismatch');
  const s = score(ctx.rng, severity, SCORE_THRESHOLDS.faceMatch);
  const warnings = severity
    ? [
        warning(
          'FACE_MATCH',
          'LOW_FACE_MATCH_SIMILARITY',
          severity,
          'Low face match similarity',
          `The selfie and the document portrait match at ${s}, below the ${severity === 'decline' ? 'decline' : 'review'} threshold.`,
        ),
      ]
    : [];
  return {
    node_id: 'feature_face_match',
    status: status(ctx, severity),
    warnings,
    score: s,
    source_image: mediaRef('selfie'),
    target_image: mediaRef('portrait'),
  };
}

function databaseValidation(ctx: Ctx) {
  const severity = sev(ctx, 'database_mismatch');
  const outcome = severity === 'decline' ? 'no_match' : severity === 'review' ? 'partial_match' : 'full_match';
  const field = (ok: boolean) => (ok ? 'match' : 'no_match');
  const warnings = severity
    ? [
        warning(
          'DATABASE_VALIDATION',
          severity === 'decline' ? 'NO_MATCH_FOUND' : 'PARTIAL_MATCH_FOUND',
          severity,
          severity === 'decline' ? 'No registry record found' : 'Registry record partly matches',
          severity === 'decline'
            ? 'The civil registry has no record for this document number.'
            : 'The registry record matches the document but not the date of birth.',
        ),
      ]
    : [];
  return {
    node_id: 'feature_database_validation',
    status: status(ctx, severity),
    warnings,
    issuing_state: ctx.person.country.alpha3,
    match_type: outcome,
    validations: [
      {
        service_name: `${ctx.person.country.name} Civil Registry (sandbox)`,
        validation: {
          full_name: field(severity !== 'decline'),
          date_of_birth: field(!severity),
          document_number: field(severity !== 'decline'),
        },
        outcome_detail:
          outcome === 'full_match'
            ? 'All fields match the registry.'
            : outcome === 'partial_match'
              ? 'Name and document number match; date of birth differs.'
              : 'No record found.',
      },
    ],
  };
}

const POA_TYPES = [
  { type: 'Utility Bill', issuer: 'Specimen Power & Water' },
  { type: 'Bank Statement', issuer: 'Sample Savings Bank' },
  { type: 'Telephone Bill', issuer: 'Example Telecom' },
  { type: 'Tax Document', issuer: 'Fictional Revenue Office' },
] as const;

function proofOfAddress(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'poa_issue');
  const kind = rng.pick(POA_TYPES);
  const issueDate = severity === 'decline' ? randomDay(rng, -400, -200) : randomDay(rng, -60, -3);
  const nameOnDocument =
    severity === 'review'
      ? `${rng.pick(person.country.given[person.gender === 'M' ? 'F' : 'M'])} ${person.lastName}`
      : person.fullName;
  const lines = [
    `Account holder: ${nameOnDocument}`,
    `Service address: ${person.address.latin}`,
    `Statement date: ${issueDate}`,
    `Account number: ${digits(rng, 4)} ${digits(rng, 4)} ${digits(rng, 4)}`,
    '',
    'This document is a synthetic specimen generated for the Countersign sandbox.',
    'It refers to no real person, account or address.',
  ];
  const page = { issuer: kind.issuer, title: kind.type, lines, accent: person.country.alpha3 };
  ctx.media['poa'] = chance(rng, 0.5) ? pdf(documentPdf(page)) : png(documentPagePng(page));
  const warnings = [];
  if (severity === 'decline')
    warnings.push(
      warning(
        'PROOF_OF_ADDRESS',
        'POA_DOCUMENT_TOO_OLD',
        severity,
        'Document too old',
        `The document was issued on ${issueDate}, more than 90 days ago.`,
      ),
    );
  if (severity === 'review')
    warnings.push(
      warning(
        'PROOF_OF_ADDRESS',
        'NAME_MISMATCH',
        severity,
        'Name differs from the ID',
        `The document is addressed to ${nameOnDocument}, not ${person.fullName}.`,
      ),
    );
  return {
    node_id: 'feature_poa',
    status: status(ctx, severity),
    warnings,
    document_type: kind.type,
    issuer: kind.issuer,
    issue_date: issueDate,
    poa_address: person.address.formatted,
    name_on_document: nameOnDocument,
    document_file: mediaRef('poa'),
  };
}

function phone(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'risky_phone');
  const number = fillPattern(rng, person.country.mobilePattern).replace(/ /g, '');
  return {
    node_id: 'feature_phone',
    status: status(ctx, severity),
    warnings: severity
      ? [
          warning(
            'PHONE',
            severity === 'decline' ? 'DISPOSABLE_NUMBER' : 'VIRTUAL_NUMBER',
            severity,
            severity === 'decline' ? 'Disposable phone number' : 'Virtual phone number',
            'The number belongs to a range used by online number services.',
          ),
        ]
      : [],
    full_number: `${person.country.phonePrefix}${number}`,
    country_code: person.country.alpha2,
    carrier: severity ? 'Virtual Numbers Example' : person.country.carriers[0],
    is_disposable: severity === 'decline',
    is_virtual: severity !== undefined,
  };
}

function email(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'risky_email');
  const local = toFontText(`${person.firstName}.${person.lastName}`)
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
  const domain = severity === 'decline' ? 'tempmail.example' : rng.pick(['example.com', 'example.org', 'example.net']);
  return {
    node_id: 'feature_email',
    status: status(ctx, severity),
    warnings: severity
      ? [
          warning(
            'EMAIL',
            severity === 'decline' ? 'DISPOSABLE_EMAIL' : 'BREACHED_EMAIL',
            severity,
            severity === 'decline' ? 'Disposable email address' : 'Email found in breaches',
            severity === 'decline'
              ? 'The domain offers throwaway inboxes.'
              : 'The address appears in known data breaches.',
          ),
        ]
      : [],
    email: `${local}${digits(rng, 2)}@${domain}`,
    is_breached: severity === 'review',
    is_disposable: severity === 'decline',
  };
}

function ipAnalysis(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'risky_ip');
  // Documentation ranges (RFC 5737) only: never a real host.
  const prefix = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
  return {
    node_id: 'feature_ip_analysis',
    status: status(ctx, severity),
    warnings: severity
      ? [
          warning(
            'IP_ANALYSIS',
            'VPN_OR_TOR_DETECTED',
            severity,
            'VPN or Tor exit',
            'The session came through an anonymising network; the location is unreliable.',
          ),
        ]
      : [],
    ip_address: `${prefix}.${rng.int(1, 254)}`,
    ip_country_code: severity ? 'NL' : person.country.alpha2,
    ip_city: severity ? 'Amsterdam' : person.address.city.name,
    is_vpn_or_tor: severity !== undefined,
    is_data_center: severity === 'decline',
  };
}

export function kycSession(opts: SyntheticOptions): SyntheticSession {
  const rng = opts.rng;
  const verdict = decideVerdict('user', opts.status, opts.flags, KYC_FLAGS, rng);
  const ctx: Ctx = { rng, person: randomPerson(forkRng(rng)), verdict, media: {} };
  // Each feature draws from its own fork, so changing one feature's draws leaves the others' values alone.
  const part = <T>(f: (c: Ctx) => T): T => f({ ...ctx, rng: forkRng(rng) });
  const id = part(idVerification);
  const live = part(liveness);
  const face = part(faceMatch);
  const aml = amlScreening(
    forkRng(rng),
    {
      entityType: 'person',
      name: ctx.person.fullName,
      country: ctx.person.country.alpha3,
      date: ctx.person.dateOfBirth,
      screenedData: {
        full_name: ctx.person.fullName,
        date_of_birth: ctx.person.dateOfBirth,
        nationality: ctx.person.country.alpha3,
        document_number: id.document_number,
      },
    },
    verdict.severities,
    verdict.outcome,
  );
  return {
    kind: 'user',
    status: verdict.status,
    vendorData: opts.vendorData ?? `user-${digits(rng, 8)}`,
    features: {
      id_verifications: [id],
      liveness_checks: [live],
      face_matches: [face],
      aml_screenings: [aml],
      database_validations: [part(databaseValidation)],
      proof_of_address: [part(proofOfAddress)],
      phone_verifications: [part(phone)],
      email_verifications: [part(email)],
      ip_analyses: [part(ipAnalysis)],
    },
    featureNames: [...KYC_FEATURE_NAMES],
    media: ctx.media,
  };
}
