/** The errors of the ReviewerApi: the codes the UI translates, and the error every engine failure becomes. */
import { z } from 'zod';

/**
 * Errors cross the bridge as `{code, message}`. The UI shows its own translation of `code`; `message` is the
 * English text (and the server's `detail` where there is one) for logs of non-secret context and for tests.
 */
export const REVIEWER_ERROR_CODES = [
  'validation',
  'not_found',
  'auth_failed',
  'forbidden',
  'unreachable',
  'dns_failed',
  'timeout',
  'rate_limited',
  'server_error',
  'token_expired_or_invalid',
  'token_not_for_application',
  'token_already_imported',
  'source_session_deleted',
  'workflow_not_found',
  'session_not_finished',
  'unknown_application',
  'own_application',
  'partner_not_registered',
  'confirmation_required',
  'keychain_unavailable',
  'keychain_locked',
  'database_key_invalid',
  'database_corrupt',
  'demo_profile_read_only',
  /** A decision already on its way to the server can no longer be retracted. */
  'decision_sending',
  'internal',
] as const;
export type ReviewerErrorCode = (typeof REVIEWER_ERROR_CODES)[number];
export const reviewerErrorSchema = z.object({
  code: z.enum(REVIEWER_ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
});
export type ReviewerErrorBody = z.infer<typeof reviewerErrorSchema>;

export class ReviewerError extends Error {
  constructor(
    readonly code: ReviewerErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ReviewerError';
  }
  toJSON(): ReviewerErrorBody {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}
