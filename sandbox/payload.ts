/**
 * Session rows → Didit's wire shapes (docs/didit-api.md): the decision payload (§5, §6; media references become
 * signed absolute URLs), the import answers (§4: the seed's full clone, or the documented short answer) and the
 * list rows per kind (§7). Statuses are emitted in their kind's spelling.
 *
 * A stored record (`features` JSON) holds the feature blocks. Synthetic records hold only arrays; a record stored
 * through `POST /sandbox/sessions/raw/` (marked with RAW_CONTENT_MARK) also holds the payload's other header
 * fields, served verbatim. The POA and questionnaire blocks are named per answer: the decision says
 * `poa_verifications` / `questionnaire_responses` (docs), the import answer `proof_of_address` / `questionnaires`
 * (seed); either stored name is accepted.
 */
import { statusForKind, type SessionKind } from '../shared/didit/statuses.js';
import type { HitReview } from './store/case-records.js';
import type { SessionSummaryRow, SessionWithContent } from './store/sessions.js';
import { screeningScore } from './synthetic/aml.js';

/** How stored feature JSON references media: `"media:<sha256>"`. */
const STORED_MEDIA_REF = /"media:([0-9a-f]{64})"/g;
const STORED_MEDIA_PREFIX = 'media:';

/** Key in a stored record saying it came verbatim from a raw payload (stripped on the way out). */
export const RAW_CONTENT_MARK = '$raw';

/** Session lifetime of the `expires_at` field (the documented import example: created_at + 7 days). */
const SESSION_LIFETIME_MS = 7 * 86_400_000;

export function storedMediaRef(sha256: string): string {
  return `${STORED_MEDIA_PREFIX}${sha256}`;
}

export interface PayloadContext {
  /** Signed URL of a stored media digest. */
  mediaUrl: (sha256: string) => string;
  /** `http://host:port` the client used: base of `session_url`. */
  origin: string;
}

/** [decision name, import (seed) name] of the blocks whose key differs between the two answers. */
const RENAMED_BLOCKS: readonly (readonly [string, string])[] = [
  ['poa_verifications', 'proof_of_address'],
  ['questionnaire_responses', 'questionnaires'],
];

/** Blocks Didit's decision carries as `null` until the workflow ran them (documented keys per kind). */
const DOCUMENTED_BLOCKS: Record<SessionKind, readonly string[]> = {
  user: [
    'id_verifications',
    'nfc_verifications',
    'liveness_checks',
    'face_matches',
    'poa_verifications',
    'phone_verifications',
    'email_verifications',
    'database_validations',
    'aml_screenings',
    'ip_analyses',
    'questionnaire_responses',
  ],
  business: [
    'registry_checks',
    'aml_screenings',
    'document_verifications',
    'key_people_checks',
    'phone_verifications',
    'email_verifications',
    'questionnaire_responses',
    'ip_analyses',
  ],
};

/** Header fields a raw payload may carry and that are then served as given (absent ones stay absent). */
const RAW_HEADER_FIELDS = ['features', 'environment', 'expected_details', 'contact_details', 'callback', 'expires_at'];

type Blocks = Record<string, unknown>;

function parseRecord(row: Pick<SessionWithContent, 'features'>, ctx?: PayloadContext): Blocks {
  const text = ctx
    ? row.features.replace(STORED_MEDIA_REF, (_match, sha: string) => JSON.stringify(ctx.mediaUrl(sha)))
    : row.features;
  const parsed = JSON.parse(text) as unknown;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Blocks) : {};
}

/** Renames the POA / questionnaire blocks to one answer's names (a record holding both keeps both). */
function renameBlocks(blocks: Blocks, to: 'decision' | 'import'): Blocks {
  const out: Blocks = {};
  const rename = new Map<string, string>();
  for (const [decisionName, importName] of RENAMED_BLOCKS) {
    const [from, target] = to === 'decision' ? [importName, decisionName] : [decisionName, importName];
    if (from in blocks && !(target in blocks)) rename.set(from, target);
  }
  for (const [key, value] of Object.entries(blocks)) out[rename.get(key) ?? key] = value;
  return out;
}

function isRaw(blocks: Blocks): boolean {
  return blocks[RAW_CONTENT_MARK] === true;
}

export function expiresAt(createdAt: string): string | null {
  const ms = Date.parse(createdAt);
  return Number.isNaN(ms) ? null : new Date(ms + SESSION_LIFETIME_MS).toISOString();
}

/** Didit hands out a hosted verification URL for captured sessions; imported ones have none (import example). */
function sessionUrl(row: SessionWithContent, ctx: PayloadContext): string | null {
  return row.shared_from_session === null ? `${ctx.origin}/sandbox/verify/${row.id}/` : null;
}

const first = (value: unknown): Record<string, unknown> | undefined => {
  const item = Array.isArray(value) ? (value[0] as unknown) : undefined;
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : undefined;
};
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The `contact_details` given at session creation; the synthetic sessions were created with their email/phone. */
function contactDetails(blocks: Blocks): Record<string, unknown> {
  const email = first(blocks.email_verifications);
  const phone = first(blocks.phone_verifications);
  return {
    email: str(email?.email),
    email_lang: 'en',
    send_notification_emails: false,
    phone: str(phone?.full_number),
  };
}

/** A decision's `reviews` item (management-api/sessions/create-review answers the same shape). */
export interface DecisionReview {
  user: string;
  new_status: string;
  comment: string | null;
  created_at: string;
}

/** What happened to a session after capture (store/case-records.ts), laid over its shared record. */
export interface SessionCase {
  /** Reviews made in the sandbox, oldest first; they follow the ones the row itself carries. */
  reviews: DecisionReview[];
  hitReviews: readonly HitReview[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A screening's key among a session's dispositions: its node id, '' when it has none. */
const screeningKey = (screening: Record<string, unknown>) =>
  typeof screening.node_id === 'string' ? screening.node_id : '';

/** An AML screening of a stored record, as the hit-status routes address it. */
export interface StoredScreening {
  /** The node id, '' when the screening has none. */
  nodeId: string;
  /** Hit id → the review_status the record holds (null when it holds none). */
  hits: ReadonlyMap<string, string | null>;
}

/** The AML screenings of a stored record, in payload order (the first is the one addressed without a node id). */
export function storedScreenings(row: Pick<SessionWithContent, 'features'>): StoredScreening[] {
  const screenings = parseRecord(row).aml_screenings;
  if (!Array.isArray(screenings)) return [];
  return screenings.filter(isObject).map((screening) => ({
    nodeId: screeningKey(screening),
    hits: new Map(
      (Array.isArray(screening.hits) ? screening.hits : []).flatMap((hit: unknown) =>
        isObject(hit) && typeof hit.id === 'string' ? [[hit.id, str(hit.review_status)] as const] : [],
      ),
    ),
  }));
}

/**
 * Lays the session's hit dispositions over its AML screenings: each dispositioned hit gets its `review_status`, and a
 * screening with any such hit gets its `score` recomputed (`total_hits` stays). Screenings without one are left as
 * stored, so a raw payload stays verbatim until a hit of it is dispositioned.
 */
function applyHitReviews(blocks: Blocks, hitReviews: readonly HitReview[]): void {
  const screenings = blocks.aml_screenings;
  if (hitReviews.length === 0 || !Array.isArray(screenings)) return;
  const statusOf = new Map(hitReviews.map((r) => [`${r.node_id}\u0000${r.hit_id}`, r.review_status]));
  blocks.aml_screenings = screenings.map((screening: unknown) => {
    if (!isObject(screening) || !Array.isArray(screening.hits)) return screening;
    const node = screeningKey(screening);
    let changed = false;
    const hits = screening.hits.map((hit: unknown) => {
      const status = isObject(hit) && typeof hit.id === 'string' ? statusOf.get(`${node}\u0000${hit.id}`) : undefined;
      if (status === undefined) return hit;
      changed = true;
      return { ...(hit as Record<string, unknown>), review_status: status };
    });
    return changed ? { ...screening, hits, score: screeningScore(hits) } : screening;
  });
}

/**
 * The decision (`GET /v3/session/{id}/decision/`, webhooks) or, with `answer: 'import'`, the seed's full-clone
 * import answer: the same payload with the seed's block names. `sessionCase` is the session's own activity and
 * dispositions (sessions-service.ts `sessionCase` loads them).
 */
export function decisionPayload(
  row: SessionWithContent,
  ctx: PayloadContext,
  sessionCase: SessionCase,
  answer: 'decision' | 'import' = 'decision',
): Record<string, unknown> {
  const stored = parseRecord(row, ctx);
  const raw = isRaw(stored);
  delete stored[RAW_CONTENT_MARK];
  const blocks = renameBlocks(stored, answer);
  applyHitReviews(blocks, sessionCase.hitReviews);
  if (!raw) {
    for (const key of DOCUMENTED_BLOCKS[row.session_kind]) {
      const name = answer === 'import' ? (RENAMED_BLOCKS.find(([d]) => d === key)?.[1] ?? key) : key;
      if (!(name in blocks)) blocks[name] = null;
    }
  }
  const kind = row.session_kind;
  const head: Record<string, unknown> = {
    session_id: row.id,
    session_kind: kind,
    session_number: row.session_number,
    session_url: sessionUrl(row, ctx),
    status: statusForKind(row.status, kind),
    ...(kind === 'user' ? { environment: 'sandbox' } : {}),
    workflow_id: row.workflow_id,
    features: JSON.parse(row.feature_names) as unknown,
    vendor_data: row.vendor_data,
    metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as unknown),
  };
  const contact = kind === 'user' ? { expected_details: null, contact_details: contactDetails(blocks) } : {};
  const tail: Record<string, unknown> = {
    reviews: [...(JSON.parse(row.reviews) as unknown[]), ...sessionCase.reviews],
    ...(kind === 'business' ? { contact_details: contactDetails(blocks), expected_details: null } : {}),
    created_at: row.created_at,
    expires_at: expiresAt(row.created_at),
    shared_from_session: row.shared_from_session,
  };
  const payload: Record<string, unknown> = { ...head, ...contact, callback: null, ...blocks, ...tail };
  if (raw) {
    // The raw payload's own header fields win; the ones it did not have stay absent.
    for (const key of RAW_HEADER_FIELDS) {
      if (key in stored) payload[key] = stored[key];
      else delete payload[key];
    }
  }
  return payload;
}

/** Didit's documented import answer (docs.didit.me/sessions-api/share-session/import). */
export function shortImportAnswer(row: SessionWithContent): Record<string, unknown> {
  return {
    session_id: row.id,
    session_number: row.session_number,
    session_url: null,
    status: statusForKind(row.status, row.session_kind),
    workflow_id: row.workflow_id,
    vendor_data: row.vendor_data,
    created_at: row.created_at,
    expires_at: expiresAt(row.created_at),
  };
}

// ---- List rows ----

/** Which blocks hold a header feature's result (names as Didit and as older synthetic data spell them). */
const FEATURE_BLOCKS: Record<string, readonly string[]> = {
  ID_VERIFICATION: ['id_verifications'],
  OCR: ['id_verifications'],
  NFC: ['nfc_verifications'],
  LIVENESS: ['liveness_checks'],
  FACE_MATCH: ['face_matches'],
  POA: ['poa_verifications', 'proof_of_address'],
  PROOF_OF_ADDRESS: ['poa_verifications', 'proof_of_address'],
  PHONE: ['phone_verifications'],
  PHONE_VERIFICATION: ['phone_verifications'],
  EMAIL: ['email_verifications'],
  EMAIL_VERIFICATION: ['email_verifications'],
  DATABASE_VALIDATION: ['database_validations'],
  AML: ['aml_screenings'],
  IP_ANALYSIS: ['ip_analyses'],
  QUESTIONNAIRE: ['questionnaire_responses', 'questionnaires'],
};

/** What list rows and list filters need from a record; media still as `media:<sha256>` references. */
export interface ListFacts {
  portraitImage: string | null;
  documentType: string | null;
  fullName: string | null;
  personCountry: string | null;
  features: { feature: string; status: string }[];
  phoneNumber: { number: string | null; is_verified: boolean } | null;
  emailAddress: { email: string | null; is_verified: boolean } | null;
  additionalDetails: Record<string, unknown>;
  companyName: string | null;
  registrationNumber: string | null;
  companyCountry: string | null;
}

/** Records are immutable and content-addressed: their facts are computed once per digest. */
const factsCache = new Map<string, ListFacts>();
const FACTS_CACHE_MAX = 5_000;

export function listFacts(contentSha256: string, load: () => { feature_names: string; features: string }): ListFacts {
  const cached = factsCache.get(contentSha256);
  if (cached) return cached;
  const facts = computeListFacts(load());
  if (factsCache.size >= FACTS_CACHE_MAX) factsCache.delete(factsCache.keys().next().value as string);
  factsCache.set(contentSha256, facts);
  return facts;
}

function computeListFacts(content: { feature_names: string; features: string }): ListFacts {
  const blocks = parseRecord(content);
  const id = first(blocks.id_verifications);
  const phone = first(blocks.phone_verifications);
  const email = first(blocks.email_verifications);
  const aml = first(blocks.aml_screenings);
  const liveness = first(blocks.liveness_checks);
  const face = first(blocks.face_matches);
  const registry = first(blocks.registry_checks);
  // Didit's registry check nests the company (company_name, registration_number, country_code); older synthetic
  // records used legal_name / jurisdiction. Read both, flat or nested.
  const company = (registry?.company && typeof registry.company === 'object' ? registry.company : registry) as
    Record<string, unknown> | undefined;
  const names = JSON.parse(content.feature_names) as unknown;
  const features = (Array.isArray(names) ? names : []).flatMap((name) => {
    if (typeof name !== 'string') return [];
    const keys = FEATURE_BLOCKS[name] ?? [];
    const item = keys.map((k) => first(blocks[k])).find(Boolean);
    return [{ feature: name, status: str(item?.status) ?? 'Not Finished' }];
  });
  const fullName = str(id?.full_name) ?? ([str(id?.first_name), str(id?.last_name)].filter(Boolean).join(' ') || null);
  // Didit's list example gives liveness and face-match scores on a 0-1 scale (the decision uses 0-100).
  const unit = (score: unknown) => {
    const n = num(score);
    return n === null ? null : Math.round(n * 100) / 10_000;
  };
  return {
    portraitImage: str(id?.portrait_image),
    documentType: str(id?.document_type),
    fullName,
    personCountry: str(id?.issuing_state) ?? str(id?.nationality),
    features,
    phoneNumber: phone ? { number: str(phone.full_number), is_verified: phone.status === 'Approved' } : null,
    emailAddress: email ? { email: str(email.email), is_verified: email.status === 'Approved' } : null,
    additionalDetails: {
      aml: aml
        ? {
            total_hits: num(aml.total_hits) ?? (Array.isArray(aml.hits) ? aml.hits.length : 0),
            entity_type: str(aml.entity_type) ?? 'person',
            is_adverse_media_fetched: aml.is_adverse_media_fetched === true,
          }
        : null,
      liveness: liveness ? { method: str(liveness.method), score: unit(liveness.score) } : null,
      face_match: face ? { score: unit(face.score) } : null,
    },
    companyName: str(company?.company_name) ?? str(company?.legal_name) ?? str(company?.name),
    registrationNumber: str(company?.registration_number),
    companyCountry: str(company?.country_code) ?? str(company?.jurisdiction) ?? str(company?.country),
  };
}

/** The row's country as the list shows it and the `country` filter matches it. */
export function listCountry(row: Pick<SessionSummaryRow, 'session_kind'>, facts: ListFacts): string | null {
  return row.session_kind === 'business' ? facts.companyCountry : facts.personCountry;
}

/** What `search` matches: ids, vendor_data, the person's or company's name, the registration number. */
export function listSearchMatches(row: SessionSummaryRow, facts: ListFacts, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [
    row.id,
    String(row.session_number),
    row.vendor_data,
    facts.fullName,
    facts.companyName,
    facts.registrationNumber,
  ].some((v) => v !== null && v.toLowerCase().includes(needle));
}

/** A list row of its kind (docs/didit-api.md §7). KYC rows carry no workflow_id. */
export function sessionSummary(row: SessionSummaryRow, facts: ListFacts, ctx: PayloadContext) {
  const common = {
    session_id: row.id,
    session_kind: row.session_kind,
    session_number: row.session_number,
    status: statusForKind(row.status, row.session_kind),
    vendor_data: row.vendor_data,
    created_at: row.created_at,
  };
  if (row.session_kind === 'business') {
    return {
      ...common,
      workflow_type: 'kyb',
      workflow_label: row.workflow_label,
      company_name: facts.companyName,
      registration_number: facts.registrationNumber,
      country: facts.companyCountry,
    };
  }
  const portrait = facts.portraitImage;
  return {
    session_id: row.id,
    session_kind: row.session_kind,
    session_number: row.session_number,
    session_url: row.shared_from_session === null ? `${ctx.origin}/sandbox/verify/${row.id}/` : null,
    portrait_image:
      portrait !== null && portrait.startsWith(STORED_MEDIA_PREFIX)
        ? ctx.mediaUrl(portrait.slice(STORED_MEDIA_PREFIX.length))
        : portrait,
    document_type: facts.documentType,
    full_name: facts.fullName,
    country: facts.personCountry,
    status: common.status,
    vendor_data: row.vendor_data,
    didit_internal_id: row.entity_id,
    created_at: row.created_at,
    features: facts.features,
    workflow_label: row.workflow_label,
    phone_number: facts.phoneNumber,
    email_address: facts.emailAddress,
    additional_details: facts.additionalDetails,
  };
}
