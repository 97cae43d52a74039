/**
 * A synthetic KYC (user) session: one fictional person, every block of Didit's documented KYC decision
 * (docs/didit-api.md §5) in its documented shape, feature statuses and warnings that agree with the session
 * status, and the raster media those features cite. Media fields Didit documents but the generator draws no image
 * for (videos, uncropped frames, the chip's signature image) are sent as null, as Didit sends a missing capture.
 */
import { amlScreening } from './aml.js';
import { addDays, cardDate, randomDay, randomInstant } from './dates.js';
import { toFontText } from './font.js';
import {
  documentPagePng,
  idBackPng,
  idFrontPng,
  portraitPng,
  selfiePng,
  type CardBack,
  type CardFront,
} from './images.js';
import { drawnOnRead } from './drawn-on-read.js';
import { buildTd1 } from './mrz.js';
import { decideVerdict, featureStatus, mediaRef, warning, type Severity, type Verdict } from './outcome.js';
import { documentPdf } from './pdf.js';
import {
  COUNTRIES,
  fillPattern,
  randomAddress,
  randomLooks,
  randomPerson,
  type Country,
  type Person,
} from './people.js';
import { between, chance, digits, forkRng, letters } from './rng.js';
import { KYC_FLAGS, type Rng, type SyntheticMedia, type SyntheticOptions, type SyntheticSession } from './types.js';

/** The header's `features`, as Didit names them (sessions-api/retrieve-session); NFC only when the chip was read. */
export const KYC_FEATURE_NAMES = [
  'ID_VERIFICATION',
  'NFC',
  'LIVENESS',
  'FACE_MATCH',
  'AML',
  'DATABASE_VALIDATION',
  'POA',
  'PHONE',
  'EMAIL',
  'IP_ANALYSIS',
] as const;

/**
 * Identity cards issued from this day on carry a chip (EU Regulation 2019/1157 made it mandatory from 2 August
 * 2021); the generator reads the chip (an NFC block) for those.
 */
export const CHIP_DOCUMENTS_FROM = '2021-08-02';

/** Where a country's sessions appear to come from: time zone, UTC offset and a rough centre (for IP analysis). */
const GEO: Record<string, { timeZone: string; offset: string; lat: number; lng: number; state: string }> = {
  ESP: { timeZone: 'Europe/Madrid', offset: '+0100', lat: 40.42, lng: -3.7, state: 'Madrid' },
  DNK: { timeZone: 'Europe/Copenhagen', offset: '+0100', lat: 55.68, lng: 12.57, state: 'Capital Region' },
  HRV: { timeZone: 'Europe/Zagreb', offset: '+0100', lat: 45.81, lng: 15.98, state: 'City of Zagreb' },
  DEU: { timeZone: 'Europe/Berlin', offset: '+0100', lat: 52.52, lng: 13.4, state: 'Berlin' },
  JPN: { timeZone: 'Asia/Tokyo', offset: '+0900', lat: 35.68, lng: 139.69, state: 'Tokyo' },
  ISL: { timeZone: 'Atlantic/Reykjavik', offset: '+0000', lat: 64.15, lng: -21.94, state: 'Capital Region' },
  POL: { timeZone: 'Europe/Warsaw', offset: '+0100', lat: 52.23, lng: 21.01, state: 'Masovia' },
  PRT: { timeZone: 'Europe/Lisbon', offset: '+0000', lat: 38.72, lng: -9.14, state: 'Lisbon' },
  FIN: { timeZone: 'Europe/Helsinki', offset: '+0200', lat: 60.17, lng: 24.94, state: 'Uusimaa' },
  MEX: { timeZone: 'America/Mexico_City', offset: '-0600', lat: 19.43, lng: -99.13, state: 'Mexico City' },
  GBR: { timeZone: 'Europe/London', offset: '+0000', lat: 51.51, lng: -0.13, state: 'England' },
};
const geoOf = (country: Country) =>
  GEO[country.alpha3] ?? { timeZone: 'UTC', offset: '+0000', lat: 0, lng: 0, state: country.name };
/** Where anonymised sessions (VPN, Tor, data centre) appear to come from. */
const RELAY = { country: 'Netherlands', code: 'NL', city: 'Amsterdam', state: 'North Holland', lat: 52.37, lng: 4.9 };

/** Great-circle distance in km, rounded to one decimal. */
function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)) * 10) / 10;
}

/**
 * Score bands the generator respects (0..100): below `decline` the check declines, below `review` it needs review.
 * Approved sessions score at or above `review`.
 */
export const SCORE_THRESHOLDS = {
  faceMatch: { decline: 40, review: 70 },
  liveness: { decline: 50, review: 75 },
} as const;

const png = (draw: () => Uint8Array): SyntheticMedia => drawnOnRead('image/png', draw);
const pdf = (draw: () => Uint8Array): SyntheticMedia => drawnOnRead('application/pdf', draw);

interface Ctx {
  rng: Rng;
  person: Person;
  /** The document number to print instead of the drawn one (a repeat customer's). */
  documentNumber?: string;
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
  const drawnNumber = `${letters(rng, 3)}${digits(rng, 6)}`;
  const documentNumber = ctx.documentNumber ?? drawnNumber;
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
  const front: CardFront = {
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
  };
  const back: CardBack = {
    issuingState: issuer.alpha3,
    address: address.latin,
    placeOfBirth: person.placeOfBirth.latin,
    dateOfIssue: cardDate(dateOfIssue),
    authority: `${issuer.name} Identity Office (specimen)`,
    mrzLines: mrz.lines,
  };
  const { looks } = person;
  ctx.media['id-front'] = png(() => idFrontPng(front));
  ctx.media['id-back'] = png(() => idBackPng(back));
  ctx.media.portrait = png(() => portraitPng(looks));
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
    document_subtype: residence ? 'RESIDENCE_PERMIT_GENERIC' : 'ID_CARD_GENERIC',
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
    formatted_address: address.formatted,
    place_of_birth: person.placeOfBirth.name,
    marital_status: 'UNKNOWN',
    extra_fields: {},
    portrait_image: mediaRef('portrait'),
    front_image: mediaRef('id-front'),
    back_image: mediaRef('id-back'),
    // Captured but not drawn by the generator: Didit sends null for a capture it does not have.
    front_video: null,
    back_video: null,
    full_front_image: null,
    full_back_image: null,
    front_image_camera_front: null,
    back_image_camera_front: null,
    mrz,
    matches: [],
  };
}

type IdItem = ReturnType<typeof idVerification>;

/** Whether the document carries a chip the generator reads: identity cards issued since chips became mandatory. */
export function hasChip(id: { document_type: string; date_of_issue: string }): boolean {
  return id.document_type === 'Identity Card' && id.date_of_issue >= CHIP_DOCUMENTS_FROM;
}

/**
 * The chip read of an e-ID (core-technology/nfc-verification/report-nfc-verification): the chip's data groups
 * agree with the printed card, and the security object and data groups verify. The chip holds the same portrait.
 */
function nfcVerification(ctx: Ctx, id: IdItem) {
  const { rng } = ctx;
  const stamp = (day: string) => `${day} 00:00:00`;
  return {
    node_id: 'feature_nfc',
    status: status(ctx, undefined),
    warnings: [],
    portrait_image: mediaRef('portrait'),
    signature_image: null,
    chip_data: {
      document_type: 'ID',
      issuing_country: id.issuing_state,
      document_number: id.document_number,
      expiration_date: id.expiration_date,
      first_name: id.first_name,
      last_name: id.last_name,
      birth_date: id.date_of_birth,
      gender: id.gender,
      nationality: id.nationality,
      address: id.address,
      place_of_birth: id.place_of_birth,
    },
    authenticity: { sod_integrity: true, dg_integrity: true },
    certificate_summary: {
      issuer: `CSCA ${id.issuing_state_name.toUpperCase()} (SPECIMEN)`,
      subject: `DS ${id.issuing_state_name.toUpperCase()} (SPECIMEN)`,
      serial_number: Array.from({ length: 8 }, () => rng.int(0, 15).toString(16)).join(''),
      not_valid_after: stamp(addDays(id.date_of_issue, 3652 + 365)),
      not_valid_before: stamp(addDays(id.date_of_issue, -rng.int(30, 300))),
    },
  };
}

function liveness(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'low_liveness');
  const faceSeverity = sev(ctx, 'face_mismatch');
  // A declined face match means someone else took the selfie.
  const selfieLooks = faceSeverity === 'decline' ? randomLooks(rng) : person.looks;
  const variant = rng.int(0, 19);
  ctx.media.selfie = png(() => selfiePng(selfieLooks, variant));
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
    // Set only when the reference came from another session's stored portrait (biometric authentication).
    source_image_session_id: null,
  };
}

/**
 * Government database validation (core-technology/database-validation/database-validation-report): one entry per
 * node run against the issuing state, one `validations[]` item per registry service, per-field outcomes
 * full_match / partial_match / no_match and a vendor-neutral `outcome_code`.
 */
function databaseValidation(ctx: Ctx, id: IdItem) {
  const severity = sev(ctx, 'database_mismatch');
  const outcome = severity === 'decline' ? 'no_match' : severity === 'review' ? 'partial_match' : 'full_match';
  const field = (ok: boolean) => (ok ? 'full_match' : 'no_match');
  const warnings = severity
    ? [
        warning(
          'DATABASE_VALIDATION',
          severity === 'decline' ? 'DATABASE_VALIDATION_NO_MATCH' : 'DATABASE_VALIDATION_PARTIAL_MATCH',
          severity,
          severity === 'decline' ? 'No registry record found' : 'Registry record partly matches',
          severity === 'decline'
            ? 'The civil registry has no record for this document number.'
            : 'The registry record matches the document but not the date of birth.',
        ),
      ]
    : [];
  const country = ctx.person.country;
  const unfinished = ctx.verdict.outcome === 'unfinished';
  return {
    node_id: 'feature_database_validation',
    status: status(ctx, severity),
    warnings,
    match_type: unfinished ? null : outcome,
    issuing_state: country.alpha3,
    validation_type: 'one_by_one',
    screened_data: {
      first_name: id.first_name,
      last_name: id.last_name,
      date_of_birth: id.date_of_birth,
      personal_number: id.personal_number,
    },
    validations: unfinished
      ? []
      : [
          {
            service_id: `${country.alpha3.toLowerCase()}_civil_registry_sandbox`,
            service_name: `${country.name} Civil Registry (sandbox)`,
            outcome_code:
              outcome === 'full_match' ? 'MATCH' : outcome === 'partial_match' ? 'PARTIAL_MATCH' : 'NO_MATCH',
            outcome_detail:
              outcome === 'full_match'
                ? 'All fields match the registry.'
                : outcome === 'partial_match'
                  ? 'Name and document number match; date of birth differs.'
                  : 'No record found.',
            validation: {
              full_name: field(severity !== 'decline'),
              date_of_birth: field(!severity),
              identification_number: field(severity !== 'decline'),
            },
            source_data:
              severity === 'decline'
                ? {}
                : {
                    full_name: id.full_name,
                    date_of_birth: severity ? addDays(id.date_of_birth, 1) : id.date_of_birth,
                    identification_number: id.personal_number,
                  },
          },
        ],
  };
}

/** `code` is Didit's document_type (UTILITY_BILL, BANK_STATEMENT, GOVERNMENT_ISSUED_DOCUMENT, ...); `type` is printed. */
const POA_TYPES = [
  { type: 'Utility Bill', code: 'UTILITY_BILL', issuer: 'Specimen Power & Water' },
  { type: 'Bank Statement', code: 'BANK_STATEMENT', issuer: 'Sample Savings Bank' },
  { type: 'Telephone Bill', code: 'UTILITY_BILL', issuer: 'Example Telecom' },
  { type: 'Tax Document', code: 'GOVERNMENT_ISSUED_DOCUMENT', issuer: 'Fictional Revenue Office' },
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
  ctx.media['poa'] = chance(rng, 0.5) ? pdf(() => documentPdf(page)) : png(() => documentPagePng(page));
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
    issuing_state: person.address.country.alpha3,
    document_type: kind.code,
    issuer: kind.issuer,
    issue_date: issueDate,
    // The generated page is written in English whatever the country.
    document_language: 'en',
    name_on_document: nameOnDocument,
    poa_address: person.address.formatted,
    poa_formatted_address: person.address.formatted,
    poa_parsed_address: {
      street_1: person.address.street,
      street_2: null,
      city: person.address.city.name,
      region: null,
      postal_code: person.address.postalCode,
      country: person.address.country.alpha2,
    },
    document_file: mediaRef('poa'),
  };
}

/** Phone verification (core-technology/phone-verification/report-phone-verification); carrier is `{name, type}`. */
function phone(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'risky_phone');
  const number = fillPattern(rng, person.country.mobilePattern).replace(/ /g, '');
  const verified = ctx.verdict.outcome !== 'unfinished';
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
    phone_number_prefix: person.country.phonePrefix,
    phone_number: number,
    full_number: `${person.country.phonePrefix}${number}`,
    country_code: person.country.alpha2,
    country_name: person.country.name,
    carrier: severity
      ? { name: 'Virtual Numbers Example', type: 'voip' }
      : { name: person.country.carriers[0], type: 'mobile' },
    is_disposable: severity === 'decline',
    is_virtual: severity !== undefined,
    verification_method: rng.pick(['sms', 'sms', 'whatsapp', 'call']),
    verification_attempts: verified ? rng.int(1, 2) : 0,
    verified_at: verified ? randomInstant(rng, -3, -1) : null,
    lifecycle: [],
    matches: [],
  };
}

/** Fictional breaches (the documented shape of email_verifications[].breaches[]); hosts are example domains. */
const BREACHES = [
  {
    name: 'ExampleShop',
    domain: 'shop.example.com',
    description: 'In a made-up incident, a sample web shop exposed customer records. Written for the sandbox.',
    data_classes: ['email_addresses', 'names', 'passwords'],
  },
  {
    name: 'SampleForum',
    domain: 'forum.example.org',
    description: 'A fictional discussion board leaked its member list. No real service or person is concerned.',
    data_classes: ['email_addresses', 'usernames', 'ip_addresses'],
  },
  {
    name: 'SpecimenTravel',
    domain: 'travel.example.net',
    description: 'An invented travel booking site lost booking data to an invented attacker.',
    data_classes: ['dates_of_birth', 'email_addresses', 'names', 'phone_numbers', 'physical_addresses'],
  },
] as const;

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
    ...emailFacts(ctx, severity),
  };
}

/** The documented fields after the address (reference/report-phone-verification-1): breaches, deliverability. */
function emailFacts(ctx: Ctx, severity: Severity | undefined) {
  const { rng } = ctx;
  const breached = severity === 'review';
  const verified = ctx.verdict.outcome !== 'unfinished';
  const breaches = breached
    ? BREACHES.slice(rng.int(0, 1), BREACHES.length - rng.int(0, 1)).map((b) => ({
        ...b,
        data_classes: [...b.data_classes],
        logo_path: null,
        breach_date: randomDay(rng, -2500, -90),
        is_verified: chance(rng, 0.8),
        breach_emails_count: rng.int(1, 3),
      }))
    : [];
  return {
    is_breached: breached,
    breaches,
    is_disposable: severity === 'decline',
    is_undeliverable: false,
    verification_attempts: verified ? rng.int(1, 2) : 0,
    verified_at: verified ? randomInstant(rng, -3, -1) : null,
    lifecycle: [],
    matches: [],
  };
}

const BROWSERS = [
  { browser: 'Chrome', os: 'Android', platform: 'mobile', brand: 'Samsung', model: 'Galaxy A54' },
  { browser: 'Mobile Safari', os: 'iOS', platform: 'mobile', brand: 'Apple', model: 'iPhone' },
  { browser: 'Chrome', os: 'Windows', platform: 'desktop', brand: null, model: null },
  { browser: 'Firefox', os: 'Linux', platform: 'desktop', brand: null, model: null },
  { browser: 'Safari', os: 'Mac OS X', platform: 'desktop', brand: 'Apple', model: 'Mac' },
] as const;

/**
 * IP analysis (core-technology/ip-analysis/report-ip-analysis): where the session came from, the device, and the
 * distances between the IP, the ID document's address and the proof of address (same address here).
 */
function ipAnalysis(ctx: Ctx) {
  const { rng, person } = ctx;
  const severity = sev(ctx, 'risky_ip');
  // Documentation ranges (RFC 5737) only: never a real host.
  const prefix = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
  const ipAddress = `${prefix}.${rng.int(1, 254)}`;
  const home = person.address.country;
  const geo = geoOf(home);
  const jitter = () => between(rng, -0.05, 0.05, 4);
  const at = severity
    ? { lat: RELAY.lat + jitter(), lng: RELAY.lng + jitter() }
    : { lat: geo.lat + jitter(), lng: geo.lng + jitter() };
  const documentAt = { lat: geo.lat, lng: geo.lng };
  const device = rng.pick(BROWSERS);
  const location = (p: { lat: number; lng: number }) => ({ latitude: p.lat, longitude: p.lng });
  const fromIp = distanceKm(at, documentAt);
  return {
    node_id: 'feature_ip_analysis',
    status: status(ctx, severity),
    warnings: severity
      ? [
          // Didit's documented risk for this (core-technology/ip-analysis, warnings).
          warning(
            'LOCATION',
            'PRIVATE_NETWORK_DETECTED',
            severity,
            'Private network (VPN/Tor) detected',
            'The session came through an anonymising network (VPN or Tor); the location is unreliable.',
          ),
        ]
      : [],
    device_brand: device.brand,
    device_model: device.model,
    browser_family: device.browser,
    os_family: device.os,
    platform: device.platform,
    device_fingerprint: `sbx-fp-${Array.from({ length: 16 }, () => rng.int(0, 15).toString(16)).join('')}`,
    ip_country: severity ? RELAY.country : home.name,
    ip_country_code: severity ? RELAY.code : home.alpha2,
    ip_state: severity ? RELAY.state : geo.state,
    ip_city: severity ? RELAY.city : person.address.city.name,
    latitude: at.lat,
    longitude: at.lng,
    ip_address: ipAddress,
    isp: severity ? 'Anonymous Relay Example BV' : `${home.carriers[0]} Broadband`,
    organization: severity ? 'Example Hosting BV (sandbox)' : `${home.carriers[0]} (sandbox)`,
    is_vpn_or_tor: severity !== undefined,
    is_data_center: severity === 'decline',
    time_zone: severity ? 'Europe/Amsterdam' : geo.timeZone,
    time_zone_offset: severity ? '+0100' : geo.offset,
    ip: { location: location(at), distance_from_id_document: fromIp, distance_from_poa_document: fromIp },
    id_document: { location: location(documentAt), distance_from_ip: fromIp, distance_from_poa_document: 0 },
    poa_document: { location: location(documentAt), distance_from_ip: fromIp, distance_from_id_document: 0 },
    matches: [],
  };
}

export function kycSession(opts: SyntheticOptions): SyntheticSession {
  const rng = opts.rng;
  const verdict = decideVerdict('user', opts.status, opts.flags, KYC_FLAGS, rng);
  const drawn = randomPerson(forkRng(rng));
  // A repeat customer: the same person (a copy: idVerification settles their address) and maybe the same document.
  const person = opts.identity ? { ...opts.identity.person } : drawn;
  const ctx: Ctx = { rng, person, documentNumber: opts.identity?.documentNumber, verdict, media: {} };
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
        // Didit screens with the alpha-2 nationality (core-technology/aml-screening/report-aml-screening).
        nationality: ctx.person.country.alpha2,
        document_number: id.document_number,
      },
    },
    verdict.severities,
    verdict.outcome,
  );
  const database = part((c) => databaseValidation(c, id));
  const poa = part(proofOfAddress);
  const phoneItem = part(phone);
  const emailItem = part(email);
  const ip = part(ipAnalysis);
  const vendorData = opts.vendorData ?? `user-${digits(rng, 8)}`;
  // Drawn last, so sessions without a chip keep every value they had before NFC existed.
  const nfc = hasChip(id) ? [part((c) => nfcVerification(c, id))] : [];
  return {
    kind: 'user',
    status: verdict.status,
    vendorData,
    features: {
      id_verifications: [id],
      nfc_verifications: nfc,
      liveness_checks: [live],
      face_matches: [face],
      aml_screenings: [aml],
      database_validations: [database],
      proof_of_address: [poa],
      phone_verifications: [phoneItem],
      email_verifications: [emailItem],
      ip_analyses: [ip],
    },
    featureNames: KYC_FEATURE_NAMES.filter((f) => f !== 'NFC' || nfc.length > 0),
    media: ctx.media,
    identity: { person: ctx.person, documentNumber: String(id.document_number) },
  };
}
