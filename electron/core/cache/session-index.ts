/** What the cache derives from a payload: the queue's header columns and the words the search index holds. */
import { canonicalStatus } from '../../../shared/statuses.js';
import {
  amlHitCount,
  maxRiskScore,
  subjectName,
  type OwnershipNode,
  type SessionPayload,
} from '../../../shared/session.js';

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
    aml_hits: amlHitCount(payload),
    risk_score: maxRiskScore(payload),
  };
}

/** Partner data is untrusted: an ownership tree is read to a bounded depth and size. */
const MAX_DEPTH = 16;
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
    for (const check of payload.registry_checks ?? []) {
      documents.push(check.company?.registration_number);
      parties.push(check.company?.legal_name);
      collectOwners(check.ownership_structure ?? [], 0, parties, documents);
    }
    for (const check of payload.key_people_checks ?? []) {
      const people = [
        ...(check.registry?.officers ?? []),
        ...(check.registry?.beneficial_owners ?? []),
        ...(check.submitted?.parties ?? []),
      ];
      for (const person of people) parties.push(person.name);
    }
  }
  return {
    subject_name: subjectName(payload) ?? '',
    document_numbers: joinDistinct(documents),
    vendor_data: payload.vendor_data ?? '',
    party_names: joinDistinct(parties),
  };
}

function collectOwners(
  nodes: OwnershipNode[],
  depth: number,
  names: (string | null | undefined)[],
  numbers: (string | null | undefined)[],
): void {
  if (depth >= MAX_DEPTH) return;
  for (const node of nodes) {
    if (names.length >= MAX_NAMES) return;
    names.push(node.name);
    numbers.push(node.registration_number);
    collectOwners(node.owners ?? [], depth + 1, names, numbers);
  }
}

function joinDistinct(values: (string | null | undefined)[]): string {
  const kept = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [...new Set(kept)].slice(0, MAX_NAMES).join(' \n ');
}
