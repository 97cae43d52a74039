/** What the cache derives from a payload: the queue's header columns and the words the search index holds. */
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import {
  NotASessionError,
  readSession,
  type ReadSession,
  type UnreadablePart,
} from '../../../shared/didit/session-reader.js';
import { canonicalStatus } from '../../../shared/didit/statuses.js';
import { partiesOf, partyName } from '../../../shared/ownership.js';
import { amlHitCount, subjectName, type SessionPayload } from '../../../shared/didit/session.js';
import { duplicateKeys, queueSignals } from '../../../shared/case-signals.js';

/**
 * Bumped when what headerOf derives from a payload changes (signals, duplicate keys, infix words): sessions stored
 * under an older version are recomputed from their payload when the cache opens (signal-backfill.ts).
 */
export const SIGNALS_VERSION = 1;

/** Status as filters compare it: KYC spelling for both kinds, unknown strings as they are. */
export function statusKey(status: string): string {
  return canonicalStatus(status) ?? status;
}

/** The queue view a status puts a session in: In Review waits for an analyst; these three are decided. */
export function queueView(status: string): 'inbox' | 'decided' | 'other' {
  const key = statusKey(status);
  if (key === 'In Review') return 'inbox';
  return key === 'Approved' || key === 'Declined' || key === 'Resubmitted' ? 'decided' : 'other';
}

/** Payloads come from partners: read one part at a time; only a payload with no session id is refused. */
export function readStored(payload: unknown): ReadSession {
  try {
    return readSession(payload);
  } catch (err) {
    if (err instanceof NotASessionError) throw new ReviewerError('validation', err.message);
    throw err;
  }
}

/** An unreadable part in one line for logs and the audit trail: where it is and why, never its content. */
export function describePart(p: UnreadablePart): string {
  return `${p.block}${p.index === null ? '' : `[${p.index}]`}: ${p.reason}`;
}

export function headerOf(payload: SessionPayload, nowMs: number) {
  const createdMs = payload.created_at ? Date.parse(payload.created_at) : NaN;
  return {
    id: payload.session_id,
    session_number: payload.session_number ?? null,
    kind: payload.session_kind,
    server_status: payload.status,
    review_count: payload.reviews?.length ?? 0,
    subject_name: subjectName(payload),
    vendor_data: payload.vendor_data ?? null,
    created_at: payload.created_at ?? null,
    sort_ms: Number.isFinite(createdMs) ? createdMs : nowMs,
    shared_from_session: payload.shared_from_session ?? null,
    ...signalColumns(payload),
  };
}

/**
 * The queue's signal columns (shared/case-signals.ts): one computation per stored payload. The AML count and the
 * risk follow the hits' review statuses, so the cache recomputes them over the analyst's view when a local
 * disposition is made or settles (cache/dispositions.ts).
 */
export function signalColumns(payload: SessionPayload) {
  const signals = queueSignals(payload);
  const keys = duplicateKeys(payload);
  return {
    aml_hits: amlHitCount(payload),
    risk_score: signals.risk,
    failed_checks: signals.failedChecks,
    warned_checks: signals.warnedChecks,
    check_flags: signals.checkFlags,
    duplicate_doc_key: keys.documentKey,
    duplicate_person_key: keys.personKey,
    signals_version: SIGNALS_VERSION,
  };
}

export type SignalColumns = ReturnType<typeof signalColumns>;

/** Partner data is untrusted: at most this many names and numbers are indexed. */
const MAX_NAMES = 500;

export interface SearchText {
  subject_name: string;
  document_numbers: string;
  vendor_data: string;
  party_names: string;
}

export function searchTextOf(payload: SessionPayload): SearchText {
  const documents: (string | null | undefined)[] = [];
  const parties: (string | null | undefined)[] = [];
  if (payload.session_kind === 'user') {
    for (const id of payload.id_verifications ?? []) documents.push(id.document_number, id.personal_number);
  } else {
    // Every company of the payload (nested KYB adds one registry check per corporate owner) and every party.
    for (const check of (payload.registry_checks ?? []).slice(0, MAX_NAMES)) {
      const company = check.company;
      documents.push(company?.registration_number, company?.tax_number, company?.legal_entity_identifier);
      parties.push(company?.company_name, ...(company?.alternative_names ?? []).slice(0, 10));
    }
    for (const check of (payload.key_people_checks ?? []).slice(0, MAX_NAMES)) {
      for (const person of partiesOf(check)) {
        if (parties.length >= MAX_NAMES) break;
        parties.push(partyName(person), person.company_name);
        documents.push(person.registration_number);
      }
    }
  }
  return {
    subject_name: subjectName(payload) ?? '',
    document_numbers: joinDistinct(documents),
    vendor_data: payload.vendor_data ?? '',
    party_names: joinDistinct(parties),
  };
}

function joinDistinct(values: (string | null | undefined)[]): string {
  const kept = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [...new Set(kept)].slice(0, MAX_NAMES).join(' \n ');
}
