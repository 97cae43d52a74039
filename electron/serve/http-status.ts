/** The HTTP status the browser host answers for an error code: 4xx for the caller's mistakes, 502/504 for Didit. */
import type { ReviewerErrorCode } from '../../shared/reviewer-errors.js';

const STATUS_BY_CODE: Record<ReviewerErrorCode, number> = {
  validation: 400,
  not_found: 404,
  forbidden: 403,
  auth_failed: 502,
  unreachable: 502,
  dns_failed: 502,
  timeout: 504,
  rate_limited: 429,
  server_error: 502,
  token_expired_or_invalid: 422,
  token_not_for_application: 422,
  token_already_imported: 409,
  source_session_deleted: 404,
  workflow_not_found: 404,
  session_not_finished: 409,
  unknown_application: 422,
  own_application: 422,
  partner_not_registered: 422,
  confirmation_required: 409,
  keychain_unavailable: 503,
  keychain_locked: 503,
  database_key_invalid: 500,
  database_corrupt: 500,
  demo_profile_read_only: 409,
  decision_sending: 409,
  internal: 500,
};

export function httpStatusFor(code: ReviewerErrorCode): number {
  return STATUS_BY_CODE[code];
}
