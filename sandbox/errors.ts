/**
 * Error bodies of docs/didit-api.md: `{"detail": ..., "code": ...}` or per-field `{"field": ["msg"], "code": ...}`.
 * Handlers throw ApiError; the server's error handler turns it into the response.
 */
import { type z } from 'zod';

export type ErrorBody = Record<string, unknown> & { code: string };

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.detail === 'string' ? body.detail : body.code);
  }
}

export function detailError(
  statusCode: number,
  code: string,
  detail: string,
  headers?: Record<string, string>,
): ApiError {
  return new ApiError(statusCode, { detail, code }, headers);
}

export function fieldError(field: string, message: string, code = 'invalid'): ApiError {
  return new ApiError(400, { [field]: [message], code });
}

export const notFound = (detail = 'Not found.') => detailError(404, 'not_found', detail);

/** Zod issues as DRF-style per-field messages (what Didit's own validation errors look like). */
function zodToApiError(error: z.ZodError): ApiError {
  const fields: Record<string, string[]> = {};
  const add = (field: string, message: string) => (fields[field] ??= []).push(message);
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'non_field_errors';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(issue.path.concat(key).map(String).join('.'), 'Unknown field.');
      continue;
    }
    add(field, issueMessage(issue));
  }
  return new ApiError(400, { ...fields, code: 'invalid' });
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return 'This field is required.';
      if (issue.expected === 'int') return 'A valid integer is required.';
      if (issue.path.length === 0) return 'Expected a JSON object.';
      return `Expected ${issue.expected}.`;
    case 'too_small':
      if (issue.origin === 'number') return `Ensure this value is greater than or equal to ${issue.minimum}.`;
      if (issue.origin === 'array') return `Ensure this list has at least ${issue.minimum} item(s).`;
      return `Ensure this field has at least ${issue.minimum} character(s).`;
    case 'too_big':
      if (issue.origin === 'number') return `Ensure this value is less than or equal to ${issue.maximum}.`;
      return `Ensure this field has no more than ${issue.maximum} character(s).`;
    case 'invalid_format':
      return issue.format === 'uuid' ? 'Must be a valid UUID.' : `Must be a valid ${issue.format}.`;
    case 'invalid_value':
      return `Not a valid choice; expected one of: ${issue.values.map(String).join(', ')}.`;
    default:
      return issue.message;
  }
}

/** Parses with a zod schema, or throws the 400 field error. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw zodToApiError(result.error);
  return result.data;
}
