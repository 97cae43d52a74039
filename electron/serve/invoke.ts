/**
 * One ReviewerApi call as both hosts run it: the method name checked against the contract, the payload parsed with
 * its schema from shared/, every failure turned into the `{code, message, field?}` body the UI understands.
 */
import { z } from 'zod';
import { reviewerInputs, type ReviewerMethod } from '../../shared/reviewer-api.js';
import { ReviewerError, type ReviewerErrorBody, type ReviewerErrorCode } from '../../shared/reviewer-errors.js';
import type { HostedEngine } from './hosted-engine.js';

export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ReviewerErrorBody };

export function isReviewerMethod(name: unknown): name is ReviewerMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(reviewerInputs, name);
}

export async function invokeReviewer(engine: HostedEngine, method: unknown, input: unknown): Promise<InvokeResult> {
  if (!isReviewerMethod(method)) {
    return { ok: false, error: { code: 'not_found', message: `Unknown method: ${String(method).slice(0, 60)}` } };
  }
  const parsed = reviewerInputs[method].safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const call = engine[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(engine, parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorBody(method, err) };
  }
}

function validationError(error: z.ZodError): ReviewerErrorBody {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  return {
    code: 'validation',
    message: issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input.',
    ...(field ? { field } : {}),
  };
}

function toErrorBody(method: ReviewerMethod, err: unknown): ReviewerErrorBody {
  if (err instanceof ReviewerError) return err.toJSON();
  if (err instanceof z.ZodError) return validationError(err);
  // Unexpected: log where it happened and the stack frames, not the message (it may quote partner data).
  const stack = err instanceof Error ? (err.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  console.error(`countersign host: unexpected ${err instanceof Error ? err.name : typeof err} in ${method}\n${stack}`);
  return { code: 'internal', message: 'Something went wrong inside Countersign; the details are in the host log.' };
}

/** HTTP status for an error code: 4xx for the caller's mistakes, 502/504 for an upstream Didit failure. */
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
  keychain_unavailable: 503,
  keychain_locked: 503,
  database_key_invalid: 500,
  database_corrupt: 500,
  demo_profile_read_only: 409,
  internal: 500,
};

export function httpStatusFor(code: ReviewerErrorCode): number {
  return STATUS_BY_CODE[code];
}
