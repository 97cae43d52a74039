/**
 * The evidence a decision or an AML disposition is made on: the parts of a session payload a reviewer sees and acts
 * upon (docs/architecture.md, "Decisions stamped with their evidence"). Defined once, here: the engine hashes it
 * (SHA-256 of `evidenceJson`) when a decision or disposition is made, and again on the server's copy just before
 * sending; a difference holds the item as "evidence changed — review again".
 *
 * In: the session status (KYC spelling), every check's status and scores, every AML hit with its review status and
 * scores, and the identities of documents (document type, number, issuing state, the names and dates on them; KYB:
 * the registry company's identity and each document's type and status). Out: anything that changes without the
 * evidence changing — reviews and their comments (four-eyes proposals, other notes), media URLs (re-signed on every
 * read), a screening's `score` (derived from its hits), timestamps of the read.
 */
import type { AmlHit, SessionPayload } from './didit/session.js';
import { canonicalStatus } from './didit/statuses.js';

/** An AML hit's disposition as a reviewer sees it, whatever the server left out. */
export function hitReviewStatus(hit: Pick<AmlHit, 'review_status'>): string {
  return hit.review_status ?? 'Unreviewed';
}

/** Where one hit sits: its screening's node id (null when the payload sends none) and its id. */
export interface HitRef {
  nodeId: string | null;
  hitId: string;
}

/** A local disposition laid over a payload (the latest one per hit wins). */
export interface HitOverlay extends HitRef {
  reviewStatus: string;
}

const n = (v: unknown): unknown => (v === undefined ? null : v);

function checks(items: readonly Record<string, unknown>[] | null | undefined, fields: readonly string[]) {
  return (items ?? []).map((item) => {
    const out: Record<string, unknown> = { node_id: n(item.node_id), status: n(item.status) };
    for (const f of fields) out[f] = n(item[f]);
    return out;
  });
}

/**
 * What the evidence covers. A disposition's stamp leaves the hits' review statuses out (`reviewStatuses: false`):
 * a change of its own hit is caught as a conflict (someone else dispositioned it), and the analyst's own earlier
 * dispositions, sent in between, must not read as changed evidence.
 */
export interface EvidenceOptions {
  reviewStatuses?: boolean;
}

/** The evidence of a payload as a plain object (stable field order does not matter: it is hashed canonically). */
export function evidenceOf(payload: SessionPayload, opts: EvidenceOptions = {}): Record<string, unknown> {
  const withReview = opts.reviewStatuses !== false;
  const aml = (payload.aml_screenings ?? []).map((s) => ({
    node_id: n(s.node_id),
    status: n(s.status),
    total_hits: n(s.total_hits),
    hits: (s.hits ?? [])
      .map((h) => ({
        id: n(h.id),
        review_status: withReview ? hitReviewStatus(h) : null,
        match_score: n(h.match_score),
        risk_score: n(h.risk_score),
        datasets: [...(h.datasets ?? [])].sort(),
      }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  }));
  const common = {
    session_id: payload.session_id,
    kind: payload.session_kind,
    status: canonicalStatus(payload.status) ?? payload.status,
    aml_screenings: aml,
  };
  if (payload.session_kind === 'user') {
    return {
      ...common,
      id_verifications: (payload.id_verifications ?? []).map((d) => ({
        node_id: n(d.node_id),
        status: n(d.status),
        document_type: n(d.document_type),
        document_number: n(d.document_number),
        personal_number: n(d.personal_number),
        issuing_state: n(d.issuing_state),
        full_name: n(d.full_name ?? [d.first_name, d.last_name].filter(Boolean).join(' ')),
        date_of_birth: n(d.date_of_birth),
        expiration_date: n(d.expiration_date),
      })),
      nfc_verifications: checks(payload.nfc_verifications, []),
      liveness_checks: checks(payload.liveness_checks, ['score', 'method']),
      face_matches: checks(payload.face_matches, ['score']),
      database_validations: checks(payload.database_validations, ['match_type']),
      proof_of_address: checks(payload.proof_of_address, ['document_type', 'issuer', 'name_on_document']),
      phone_verifications: checks(payload.phone_verifications, ['full_number']),
      email_verifications: checks(payload.email_verifications, ['email']),
      ip_analyses: checks(payload.ip_analyses, ['ip_address', 'is_vpn_or_tor']),
    };
  }
  return {
    ...common,
    registry_checks: (payload.registry_checks ?? []).map((r) => ({
      node_id: n(r.node_id),
      status: n(r.status),
      company_name: n(r.company?.company_name),
      registration_number: n(r.company?.registration_number),
      country_code: n(r.company?.country_code),
      registry_status: n(r.company?.registry_status),
    })),
    key_people_checks: checks(payload.key_people_checks, []),
    document_verifications: (payload.document_verifications ?? []).map((d) => ({
      node_id: n(d.node_id),
      status: n(d.status),
      document_type: n(d.document_type),
      groups: (d.groups ?? []).map((g) => ({
        group: n(g.group),
        documents: (g.documents ?? []).map((doc) => ({ document_type: n(doc.document_type), status: n(doc.status) })),
      })),
    })),
    questionnaires: checks(payload.questionnaires, []),
  };
}

/** Canonical JSON (sorted keys) of the evidence: what the engine hashes. */
export function evidenceJson(payload: SessionPayload, opts: EvidenceOptions = {}): string {
  return JSON.stringify(sortKeys(evidenceOf(payload, opts)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * The payload with local dispositions laid over its hits (a copy; the payload is not changed). A hit is matched by
 * id within the screening of its node id (null: the first screening, as the AML routes read a missing node id).
 */
export function withHitOverlays<P extends SessionPayload>(payload: P, overlays: readonly HitOverlay[]): P {
  if (overlays.length === 0 || !payload.aml_screenings) return payload;
  const screenings = payload.aml_screenings.map((s, i) => {
    const mine = overlays.filter((o) => (o.nodeId === null ? i === 0 : o.nodeId === s.node_id));
    if (mine.length === 0 || !s.hits) return s;
    return {
      ...s,
      hits: s.hits.map((h) => {
        const o = mine.filter((m) => m.hitId === h.id).at(-1);
        return o ? { ...h, review_status: o.reviewStatus } : h;
      }),
    };
  });
  return { ...payload, aml_screenings: screenings };
}

/** The hit a reference names, or null. */
export function findHit(payload: SessionPayload, ref: HitRef): AmlHit | null {
  const screenings = payload.aml_screenings ?? [];
  const screening = ref.nodeId === null ? screenings[0] : screenings.find((s) => s.node_id === ref.nodeId);
  return screening?.hits?.find((h) => h.id === ref.hitId) ?? null;
}

/** Hits still Unreviewed (what the approve policy looks at). */
export function unreviewedHitCount(payload: SessionPayload): number {
  let count = 0;
  for (const s of payload.aml_screenings ?? [])
    for (const h of s.hits ?? []) if (hitReviewStatus(h) === 'Unreviewed') count++;
  return count;
}
