/**
 * The session payload of `GET /v3/session/{id}/decision/` (docs/didit-api.md §5, §6), KYC and KYB.
 * Everything here arrives from a partner and is untrusted: objects are loose (unknown fields are kept, not
 * rejected, since real Didit adds fields over time) and most leaves are nullable.
 */
import { z } from 'zod';
import { sessionKindSchema, AML_REVIEW_STATUSES } from './statuses.js';

const text = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();
/** A time-limited media URL (about 60 minutes on real Didit). */
const mediaUrl = z.string().nullish();

export const warningSchema = z.looseObject({
  feature: text,
  risk: text,
  log_type: z.enum(['error', 'warning', 'information']).or(z.string()).nullish(),
  short_description: text,
  long_description: text,
});
export type Warning = z.infer<typeof warningSchema>;

/** Fields every feature item carries. */
const featureBase = {
  node_id: text,
  status: text,
  warnings: z.array(warningSchema).nullish(),
};

export const idVerificationSchema = z.looseObject({
  ...featureBase,
  document_type: text,
  document_number: text,
  personal_number: text,
  issuing_state: text,
  issuing_state_name: text,
  first_name: text,
  last_name: text,
  full_name: text,
  date_of_birth: text,
  age: num,
  gender: text,
  nationality: text,
  date_of_issue: text,
  expiration_date: text,
  address: text,
  place_of_birth: text,
  front_image: mediaUrl,
  back_image: mediaUrl,
  portrait_image: mediaUrl,
  mrz: z.unknown().optional(),
  matches: z.unknown().optional(),
});

export const livenessCheckSchema = z.looseObject({
  ...featureBase,
  method: text,
  score: num,
  reference_image: mediaUrl,
  video_url: mediaUrl,
  age_estimation: num,
});

export const faceMatchSchema = z.looseObject({
  ...featureBase,
  score: num,
  source_image: mediaUrl,
  target_image: mediaUrl,
  source_image_session_id: text,
});

/** NFC chip read of an e-passport or e-ID (core-technology/nfc-verification/report-nfc-verification). */
export const nfcVerificationSchema = z.looseObject({
  ...featureBase,
  portrait_image: mediaUrl,
  signature_image: mediaUrl,
  chip_data: z.looseObject({}).nullish(),
  authenticity: z.looseObject({ sod_integrity: bool, dg_integrity: bool }).nullish(),
  certificate_summary: z.looseObject({}).nullish(),
});

export const adverseMediaMatchSchema = z.looseObject({
  headline: text,
  summary: text,
  source_url: text,
  sentiment_score: num,
});

export const amlHitSchema = z.looseObject({
  id: text,
  caption: text,
  match_score: num,
  risk_score: num,
  review_status: z.enum(AML_REVIEW_STATUSES).or(z.string()).nullish(),
  datasets: z.array(z.string()).nullish(),
  pep_matches: z.array(z.unknown()).nullish(),
  sanction_matches: z.array(z.unknown()).nullish(),
  warning_matches: z.array(z.unknown()).nullish(),
  adverse_media_matches: z.array(adverseMediaMatchSchema).nullish(),
  url: text,
  first_seen: text,
  last_seen: text,
});
export type AmlHit = z.infer<typeof amlHitSchema>;

export const amlScreeningSchema = z.looseObject({
  ...featureBase,
  entity_type: text,
  total_hits: num,
  score: num,
  screened_data: z.unknown().optional(),
  hits: z.array(amlHitSchema).nullish(),
});

export const databaseValidationSchema = z.looseObject({
  ...featureBase,
  issuing_state: text,
  match_type: text,
  validation_type: text,
  screened_data: z.unknown().optional(),
  validations: z
    .array(
      z.looseObject({
        service_id: z.union([z.string(), z.number()]).nullish(),
        service_name: text,
        outcome_code: z.union([z.string(), z.number()]).nullish(),
        outcome_detail: text,
        validation: z.unknown().optional(),
        source_data: z.unknown().optional(),
      }),
    )
    .nullish(),
});

export const poaVerificationSchema = z.looseObject({
  ...featureBase,
  issuing_state: text,
  document_type: text,
  issuer: text,
  issue_date: text,
  document_language: text,
  poa_address: text,
  poa_formatted_address: text,
  poa_parsed_address: z.unknown().optional(),
  name_on_document: text,
  document_file: mediaUrl,
});

/** Didit sends the carrier as `{name, type}` (report-phone-verification); older payloads as a plain name. */
export const carrierSchema = z.union([z.looseObject({ name: text, type: text }), z.string()]);

export const phoneVerificationSchema = z.looseObject({
  ...featureBase,
  phone_number_prefix: text,
  phone_number: text,
  full_number: text,
  country_code: text,
  country_name: text,
  carrier: carrierSchema.nullish(),
  is_disposable: bool,
  is_virtual: bool,
  verification_method: text,
  verification_attempts: num,
  verified_at: text,
});

/** The carrier's name, whichever way it was sent. */
export function carrierName(carrier: z.infer<typeof carrierSchema> | null | undefined): string | null {
  if (carrier === null || carrier === undefined) return null;
  return typeof carrier === 'string' ? carrier : (carrier.name ?? null);
}

export const emailBreachSchema = z.looseObject({ name: text, domain: text, breach_date: text, description: text });

export const emailVerificationSchema = z.looseObject({
  ...featureBase,
  email: text,
  is_breached: bool,
  breaches: z.array(emailBreachSchema).nullish(),
  is_disposable: bool,
  is_undeliverable: bool,
  verification_attempts: num,
  verified_at: text,
});

export const ipAnalysisSchema = z.looseObject({
  ...featureBase,
  ip_address: text,
  ip_country: text,
  ip_country_code: text,
  ip_state: text,
  ip_city: text,
  isp: text,
  organization: text,
  device_brand: text,
  device_model: text,
  browser_family: text,
  os_family: text,
  platform: text,
  is_vpn_or_tor: bool,
  is_data_center: bool,
  time_zone: text,
});

/** A review as the decision payload lists it (create-review answers this shape). */
export const reviewSchema = z.looseObject({
  user: text,
  new_status: text,
  comment: text,
  created_at: text,
});
export type Review = z.infer<typeof reviewSchema>;

/**
 * A company or person in an ownership chain, as the ownership graph uses it. Not a wire shape: it is derived from
 * the key people of every company in a KYB payload (shared/ownership.ts).
 */
export interface OwnershipNode {
  name: string;
  entity_type: 'person' | 'company';
  ownership_percentage: number;
  registration_number?: string | null;
  jurisdiction?: string | null;
  /** Stable id across paths: the same UBO reached through two companies carries the same id. */
  id?: string | null;
  kyc_session_id?: string | null;
  kyc_status?: string | null;
  owners?: OwnershipNode[] | null;
}

/** The registry company (business-verification/company-data). */
export const companySchema = z.looseObject({
  company_name: text,
  registration_number: text,
  country_code: text,
  company_type: text,
  registry_status: text,
  incorporation_date: text,
  registered_address: z.unknown().optional(),
  tax_number: text,
  alternative_names: z.array(z.string()).nullish(),
  legal_entity_identifier: text,
  nature_of_business: text,
  registered_capital: z.looseObject({ amount: z.union([z.number(), z.string()]).nullish(), currency: text }).nullish(),
  location_of_registration: text,
  is_from_registry: bool,
});
export type Company = z.infer<typeof companySchema>;

export const registryCheckSchema = z.looseObject({
  ...featureBase,
  data_resolved: bool,
  company: companySchema.nullish(),
});

/** One role of a key person, lower case (`director`, `shareholder`, `ubo`, ...; business-verification/officers). */
export const keyPersonRoleSchema = z.looseObject({ role: z.string(), ownership_percent: num, voting_percent: num });
export type KeyPersonRole = z.infer<typeof keyPersonRoleSchema>;

/** A party of key_people_checks (business-verification/officers, .../ownership). */
export const keyPersonSchema = z.looseObject({
  uuid: text,
  name: text,
  first_name: text,
  last_name: text,
  company_name: text,
  entity_type: text,
  roles: z.array(keyPersonRoleSchema).nullish(),
  source: text,
  email: text,
  nationality: text,
  country: text,
  date_of_birth: text,
  phone_number: text,
  registration_number: text,
  position: text,
  custom_fields: z.unknown().optional(),
  /** The person's own KYC session where one is linked (the field names are this app's reading; see docs). */
  kyc_session_id: text,
  kyc_status: text,
});
export type KeyPerson = z.infer<typeof keyPersonSchema>;

export const keyPeopleCheckSchema = z.looseObject({
  ...featureBase,
  registry: z
    .looseObject({
      officers: z.array(keyPersonSchema).nullish(),
      beneficial_owners: z.array(keyPersonSchema).nullish(),
    })
    .nullish(),
  submitted: z.looseObject({ parties: z.array(keyPersonSchema).nullish() }).nullish(),
  ubo_kyc_summary: z.unknown().optional(),
});

/** One uploaded company document. */
export const kybDocumentSchema = z.looseObject({
  document_type: text,
  status: text,
  file: mediaUrl,
  file_name: text,
  issuer: text,
  issue_date: text,
  warnings: z.array(warningSchema).nullish(),
});

/**
 * KYB documents come in four groups (legal presence, company details, ownership structure, representatives
 * authorization), each with a summary of expected, approved, pending and missing documents
 * (business-verification/documents).
 */
export const kybDocumentGroupSchema = z.looseObject({
  group: text,
  summary: z.looseObject({ total_expected: num, approved: num, pending_review: num, missing: num }).nullish(),
  documents: z.array(kybDocumentSchema).nullish(),
});

export const documentVerificationSchema = z.looseObject({
  ...featureBase,
  groups: z.array(kybDocumentGroupSchema).nullish(),
  /** A single document sent flat on the item (older payloads). */
  document_type: text,
  file: mediaUrl,
  issuer: text,
  issue_date: text,
});

export const questionnaireSchema = z.looseObject({
  ...featureBase,
  title: text,
  answers: z.array(z.looseObject({ question: text, answer: z.unknown().optional() })).nullish(),
});

const header = {
  session_id: z.string(),
  session_number: z.number().int().nullish(),
  session_kind: sessionKindSchema,
  status: z.string(),
  workflow_id: text,
  vendor_data: text,
  metadata: z.unknown().optional(),
  features: z.array(z.string()).nullish(),
  created_at: text,
  shared_from_session: text,
  reviews: z.array(reviewSchema).nullish(),
};

const arr = <T extends z.ZodTypeAny>(item: T) => z.array(item).nullish();

export const kycSessionSchema = z.looseObject({
  ...header,
  session_kind: z.literal('user'),
  id_verifications: arr(idVerificationSchema),
  nfc_verifications: arr(nfcVerificationSchema),
  liveness_checks: arr(livenessCheckSchema),
  face_matches: arr(faceMatchSchema),
  aml_screenings: arr(amlScreeningSchema),
  database_validations: arr(databaseValidationSchema),
  /** The seed's name; `readSession` reads Didit's other names for the block into it. */
  proof_of_address: arr(poaVerificationSchema),
  phone_verifications: arr(phoneVerificationSchema),
  email_verifications: arr(emailVerificationSchema),
  ip_analyses: arr(ipAnalysisSchema),
});
export type KycSession = z.infer<typeof kycSessionSchema>;

export const kybSessionSchema = z.looseObject({
  ...header,
  session_kind: z.literal('business'),
  registry_checks: arr(registryCheckSchema),
  key_people_checks: arr(keyPeopleCheckSchema),
  document_verifications: arr(documentVerificationSchema),
  aml_screenings: arr(amlScreeningSchema),
  /** The seed's name; `readSession` reads Didit's other names for the block into it. */
  questionnaires: arr(questionnaireSchema),
});
export type KybSession = z.infer<typeof kybSessionSchema>;

export const sessionPayloadSchema = z.discriminatedUnion('session_kind', [kycSessionSchema, kybSessionSchema]);
export type SessionPayload = z.infer<typeof sessionPayloadSchema>;

/** A block of a session payload: the array it is sent in, the other names Didit uses for it, its item schema. */
export interface PayloadBlock {
  name: string;
  aliases: readonly string[];
  schema: z.ZodType;
}

/** The KYC blocks, in the order a case shows them; `readSession` (session-reader.ts) reads each on its own. */
export const KYC_BLOCKS: readonly PayloadBlock[] = [
  { name: 'id_verifications', aliases: ['id_verification'], schema: idVerificationSchema },
  { name: 'nfc_verifications', aliases: ['nfc_verification'], schema: nfcVerificationSchema },
  { name: 'liveness_checks', aliases: ['liveness', 'liveness_check'], schema: livenessCheckSchema },
  { name: 'face_matches', aliases: ['face_match'], schema: faceMatchSchema },
  { name: 'aml_screenings', aliases: ['aml', 'aml_screening'], schema: amlScreeningSchema },
  { name: 'database_validations', aliases: ['database_validation'], schema: databaseValidationSchema },
  {
    name: 'proof_of_address',
    aliases: ['poa_verifications', 'poa_verification', 'proof_of_addresses'],
    schema: poaVerificationSchema,
  },
  { name: 'phone_verifications', aliases: ['phone', 'phone_verification'], schema: phoneVerificationSchema },
  { name: 'email_verifications', aliases: ['email', 'email_verification'], schema: emailVerificationSchema },
  { name: 'ip_analyses', aliases: ['ip_analysis'], schema: ipAnalysisSchema },
];
export const KYB_BLOCKS: readonly PayloadBlock[] = [
  { name: 'registry_checks', aliases: ['registry_check'], schema: registryCheckSchema },
  { name: 'key_people_checks', aliases: ['key_people_check'], schema: keyPeopleCheckSchema },
  { name: 'document_verifications', aliases: ['document_verification'], schema: documentVerificationSchema },
  { name: 'aml_screenings', aliases: ['aml', 'aml_screening'], schema: amlScreeningSchema },
  { name: 'questionnaires', aliases: ['questionnaire_responses', 'questionnaire'], schema: questionnaireSchema },
];

/** Every array of a payload that holds feature items, per kind (what an import clones). */
export const KYC_FEATURE_ARRAYS = KYC_BLOCKS.map((b) => b.name);
export const KYB_FEATURE_ARRAYS = KYB_BLOCKS.map((b) => b.name);

/**
 * Field names that hold a media URL, wherever they sit in a payload: what a client must download while the URLs
 * are fresh (about 60 minutes on Didit). Found by name at any depth, so media in a shape this app does not know yet
 * (a new block, a grouped document) is still kept.
 */
export const MEDIA_FIELD_NAMES: ReadonlySet<string> = new Set([
  'front_image',
  'back_image',
  'portrait_image',
  'full_front_image',
  'full_back_image',
  'signature_image',
  'reference_image',
  'video_url',
  'source_image',
  'target_image',
  'document_file',
  'file',
  'file_url',
]);
/** Partner data is untrusted: the media walk stops at this depth. */
const MEDIA_MAX_DEPTH = 8;

/** A media field of a payload. */
export interface MediaReference {
  /** Where the field sits in this payload (`poa_verifications[0].document_file`). */
  path: string;
  /**
   * Its stable name, the same whichever name or form the block was sent under (`proof_of_address[0].document_file`):
   * what the cache stores the bytes under, and what the field holds once stored.
   */
  locator: string;
  /** The URL to download, or null when the field already holds its locator. */
  url: string | null;
}

/** Block names by each name Didit sends them under. */
const CANONICAL_BLOCK = new Map(
  [...KYC_BLOCKS, ...KYB_BLOCKS].flatMap((b) => [b.name, ...b.aliases].map((n) => [n, b.name] as const)),
);

/**
 * Every media field of a payload with its stable locator. Walks the payload as received, so it finds media in
 * blocks this app does not know and works on raw and stored payloads alike.
 */
export function mediaReferences(payload: object): MediaReference[] {
  const refs: MediaReference[] = [];
  const walk = (value: unknown, path: string, locator: string, depth: number) => {
    if (depth > MEDIA_MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`, `${locator}[${i}]`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (!/^[\w-]+$/.test(key)) continue; // a locator is a path of plain names
      let at = path ? `${path}.${key}` : key;
      let named = locator ? `${locator}.${key}` : key;
      if (depth === 0 && CANONICAL_BLOCK.has(key)) {
        // A block is named as the app names it, and a single object sent for a block is its first item.
        named = Array.isArray(child) ? CANONICAL_BLOCK.get(key)! : `${CANONICAL_BLOCK.get(key)}[0]`;
        at = key;
      }
      if (typeof child === 'string' && MEDIA_FIELD_NAMES.has(key)) {
        // Anything else than its locator is a reference to fetch; the download refuses what is not http(s).
        if (child.length > 0) refs.push({ path: at, locator: named, url: child === named ? null : child });
      } else walk(child, at, named, depth + 1);
    }
  };
  walk(payload, '', '', 0);
  return refs;
}

/** The display name of a session's subject: the person's full name, or the company's legal name. */
export function subjectName(payload: SessionPayload): string | null {
  if (payload.session_kind === 'user') {
    const id = payload.id_verifications?.[0];
    return id?.full_name ?? ([id?.first_name, id?.last_name].filter(Boolean).join(' ') || null);
  }
  return payload.registry_checks?.[0]?.company?.company_name ?? null;
}

/** A hit dismissed as a False Positive: it no longer counts as a hit, nor in risk (Didit's screening score agrees). */
const countsAsHit = (h: AmlHit): boolean => h.review_status !== 'False Positive';

/**
 * AML hits across screenings that still count (what the queue's "has AML hits" filter and risk sort use): False
 * Positive hits do not.
 */
export function amlHitCount(payload: SessionPayload): number {
  return (payload.aml_screenings ?? []).reduce(
    (n, s) => n + (s.hits ? s.hits.filter(countsAsHit).length : (s.total_hits ?? 0)),
    0,
  );
}

/** Highest AML risk score (0..1 or 0..100 as sent) of hits that still count, 0 when there are none. */
export function maxRiskScore(payload: SessionPayload): number {
  let max = 0;
  for (const s of payload.aml_screenings ?? [])
    for (const h of s.hits ?? []) if (countsAsHit(h)) max = Math.max(max, h.risk_score ?? 0);
  return max;
}
