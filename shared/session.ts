/**
 * The session payload of `GET /v3/session/{id}/decision/` (didit-api.md section 3), KYC and KYB.
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
  adverse_media_matches: z.array(adverseMediaMatchSchema).nullish(),
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
  validations: z
    .array(z.looseObject({ service_name: text, validation: z.unknown().optional(), outcome_detail: text }))
    .nullish(),
});

export const poaVerificationSchema = z.looseObject({
  ...featureBase,
  document_type: text,
  issuer: text,
  issue_date: text,
  poa_address: text,
  name_on_document: text,
  document_file: mediaUrl,
});

export const phoneVerificationSchema = z.looseObject({
  ...featureBase,
  full_number: text,
  country_code: text,
  carrier: text,
  is_disposable: bool,
  is_virtual: bool,
});

export const emailVerificationSchema = z.looseObject({
  ...featureBase,
  email: text,
  is_breached: bool,
  is_disposable: bool,
});

export const ipAnalysisSchema = z.looseObject({
  ...featureBase,
  ip_address: text,
  ip_country_code: text,
  ip_city: text,
  is_vpn_or_tor: bool,
  is_data_center: bool,
});

export const reviewSchema = z.looseObject({
  user: text,
  new_status: z.string(),
  comment: text,
  created_at: z.string(),
});
export type Review = z.infer<typeof reviewSchema>;

/** A company that owns part of another, possibly owned in turn (indirect ownership makes the tree nested). */
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
export const ownershipNodeSchema: z.ZodType<OwnershipNode> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    entity_type: z.enum(['person', 'company']),
    ownership_percentage: z.number().min(0).max(100),
    registration_number: text,
    jurisdiction: text,
    id: text,
    kyc_session_id: text,
    kyc_status: text,
    owners: z.array(ownershipNodeSchema).nullish(),
  }),
) as z.ZodType<OwnershipNode>;

export const companySchema = z.looseObject({
  legal_name: text,
  registration_number: text,
  jurisdiction: text,
  incorporation_date: text,
  status: text,
  address: text,
  legal_form: text,
});

export const registryCheckSchema = z.looseObject({
  ...featureBase,
  company: companySchema.nullish(),
  /** Direct owners of the company; each may be owned in turn. */
  ownership_structure: z.array(ownershipNodeSchema).nullish(),
});

export const KEY_PERSON_ROLES = ['Director', 'Officer', 'Shareholder', 'UBO', 'Authorized signatory'] as const;
export const keyPersonSchema = z.looseObject({
  id: text,
  name: z.string(),
  entity_type: z.enum(['person', 'company']).or(z.string()).nullish(),
  roles: z.array(z.string()).nullish(),
  source: z.enum(['REGISTRY', 'USER']).or(z.string()).nullish(),
  ownership_percentage: num,
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
});

export const documentVerificationSchema = z.looseObject({
  ...featureBase,
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
  liveness_checks: arr(livenessCheckSchema),
  face_matches: arr(faceMatchSchema),
  aml_screenings: arr(amlScreeningSchema),
  database_validations: arr(databaseValidationSchema),
  /** The seed names it proof_of_address, newer pages poa_verifications: read through `proofOfAddress()`. */
  proof_of_address: arr(poaVerificationSchema),
  poa_verifications: arr(poaVerificationSchema),
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
  /** The seed names it questionnaires, newer pages questionnaire_responses: read through `questionnaires()`. */
  questionnaires: arr(questionnaireSchema),
  questionnaire_responses: arr(questionnaireSchema),
});
export type KybSession = z.infer<typeof kybSessionSchema>;

export const sessionPayloadSchema = z.discriminatedUnion('session_kind', [kycSessionSchema, kybSessionSchema]);
export type SessionPayload = z.infer<typeof sessionPayloadSchema>;

export function proofOfAddress(s: KycSession) {
  return s.proof_of_address ?? s.poa_verifications ?? [];
}
export function questionnaires(s: KybSession) {
  return s.questionnaires ?? s.questionnaire_responses ?? [];
}

/** Every array of a payload that holds feature items, per kind (what an import clones). */
export const KYC_FEATURE_ARRAYS = [
  'id_verifications',
  'liveness_checks',
  'face_matches',
  'aml_screenings',
  'database_validations',
  'proof_of_address',
  'phone_verifications',
  'email_verifications',
  'ip_analyses',
] as const;
export const KYB_FEATURE_ARRAYS = [
  'registry_checks',
  'key_people_checks',
  'document_verifications',
  'aml_screenings',
  'questionnaires',
] as const;

/** Media fields by feature array: what a client must download while the URLs are fresh. */
export const MEDIA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  id_verifications: ['front_image', 'back_image', 'portrait_image'],
  liveness_checks: ['reference_image', 'video_url'],
  face_matches: ['source_image', 'target_image'],
  proof_of_address: ['document_file'],
  poa_verifications: ['document_file'],
  document_verifications: ['file'],
};

/** Every media URL in a payload with a stable locator (`array[index].field`) that survives URL refreshes. */
export function mediaReferences(payload: SessionPayload): { locator: string; url: string }[] {
  const refs: { locator: string; url: string }[] = [];
  const record = payload as Record<string, unknown>;
  for (const [array, fields] of Object.entries(MEDIA_FIELDS)) {
    const items = record[array];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, index) => {
      if (item === null || typeof item !== 'object') return;
      for (const field of fields) {
        const url = (item as Record<string, unknown>)[field];
        if (typeof url === 'string' && url.length > 0) refs.push({ locator: `${array}[${index}].${field}`, url });
      }
    });
  }
  return refs;
}

/** The display name of a session's subject: the person's full name, or the company's legal name. */
export function subjectName(payload: SessionPayload): string | null {
  if (payload.session_kind === 'user') {
    const id = payload.id_verifications?.[0];
    return id?.full_name ?? ([id?.first_name, id?.last_name].filter(Boolean).join(' ') || null);
  }
  return payload.registry_checks?.[0]?.company?.legal_name ?? null;
}

/** Total AML hits across screenings (what the queue's "has AML hits" filter and risk sort use). */
export function amlHitCount(payload: SessionPayload): number {
  return (payload.aml_screenings ?? []).reduce((n, s) => n + (s.hits?.length ?? s.total_hits ?? 0), 0);
}

/** Highest AML risk score (0..1 or 0..100 as sent), 0 when there are no hits. */
export function maxRiskScore(payload: SessionPayload): number {
  let max = 0;
  for (const s of payload.aml_screenings ?? []) for (const h of s.hits ?? []) max = Math.max(max, h.risk_score ?? 0);
  return max;
}
