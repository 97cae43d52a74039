/**
 * Session rows → the wire shapes of didit-api.md: the section 3 decision payload (media references become signed
 * absolute URLs) and the list summary. Statuses are emitted in their kind's spelling.
 */
import { statusForKind } from '../shared/statuses.js';
import type { SessionSummaryRow, SessionWithContent } from './store/sessions.js';

/** How stored feature JSON references media: `"media:<sha256>"`. */
const STORED_MEDIA_REF = /"media:([0-9a-f]{64})"/g;

export function storedMediaRef(sha256: string): string {
  return `media:${sha256}`;
}

export function decisionPayload(
  row: SessionWithContent,
  mediaUrl: (sha256: string) => string,
): Record<string, unknown> {
  const features = JSON.parse(
    row.features.replace(STORED_MEDIA_REF, (_match, sha: string) => JSON.stringify(mediaUrl(sha))),
  ) as Record<string, unknown[]>;
  return {
    session_id: row.id,
    session_number: row.session_number,
    session_kind: row.session_kind,
    status: statusForKind(row.status, row.session_kind),
    workflow_id: row.workflow_id,
    vendor_data: row.vendor_data,
    metadata: row.metadata === null ? null : JSON.parse(row.metadata),
    features: JSON.parse(row.feature_names),
    created_at: row.created_at,
    shared_from_session: row.shared_from_session,
    reviews: JSON.parse(row.reviews),
    ...features,
  };
}

export function sessionSummary(row: SessionSummaryRow) {
  return {
    session_id: row.id,
    session_number: row.session_number,
    session_kind: row.session_kind,
    status: statusForKind(row.status, row.session_kind),
    vendor_data: row.vendor_data,
    workflow_id: row.workflow_id,
    created_at: row.created_at,
  };
}
