/**
 * One ReviewerApi call as both hosts run it: the method name checked against the contract (so nothing but a
 * ReviewerApi method is ever looked up on the engine), the input handed over as received (the engine parses it with
 * its schema from shared/, the one parse site), every failure turned into the `{code, message, field?}` body the UI
 * understands.
 */
import { reviewerInputs, type ReviewerMethod } from '../../shared/reviewer-api.js';
import { ReviewerError, type ReviewerErrorBody } from '../../shared/reviewer-errors.js';
import type { HostedEngine } from './hosted-engine.js';

export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ReviewerErrorBody };

export function isReviewerMethod(name: unknown): name is ReviewerMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(reviewerInputs, name);
}

export async function invokeReviewer(engine: HostedEngine, method: unknown, input: unknown): Promise<InvokeResult> {
  if (!isReviewerMethod(method)) {
    return { ok: false, error: { code: 'not_found', message: `Unknown method: ${String(method).slice(0, 60)}` } };
  }
  try {
    const call = engine[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(engine, input) };
  } catch (err) {
    return { ok: false, error: toErrorBody(method, err) };
  }
}

function toErrorBody(method: ReviewerMethod, err: unknown): ReviewerErrorBody {
  if (err instanceof ReviewerError) return err.toJSON();
  // Unexpected: log where it happened and the stack frames, not the message (it may quote partner data).
  const stack = err instanceof Error ? (err.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  console.error(`countersign host: unexpected ${err instanceof Error ? err.name : typeof err} in ${method}\n${stack}`);
  return { code: 'internal', message: 'Something went wrong inside Countersign; the details are in the host log.' };
}
